//! The call center's call records, imported from its telephone system's CSV (R4.5).

use chrono::{DateTime, NaiveDateTime, Utc};

use madoguchi_shared::dto::report::CallImportSummary;
use madoguchi_shared::error::FieldErrorCode;

use madoguchi_shared::time::japan;
use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait, Set};

use crate::db::call_record;
use crate::db::transaction::in_transaction;
use crate::service::error::ServiceError;

/// Parses the phone system's call records and stores the new ones; a call already imported
/// (same start, outcome and durations) is counted as a duplicate. All rows or none: one bad
/// line refuses the file with the line numbers.
///
/// Columns: `started_at,answered,wait_seconds,talk_seconds`; a header line is optional;
/// `started_at` is RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` in Japan time; `answered` is
/// `1`/`0`, `true`/`false`, `yes`/`no`, `answered`/`abandoned` or 応答/放棄.
pub async fn import_call_records(
    db: &DatabaseConnection,
    text: &str,
    now: DateTime<Utc>,
) -> Result<CallImportSummary, ServiceError> {
    let records = parse_call_records(text).map_err(ServiceError::Validation)?;
    let imported = in_transaction::<_, ServiceError, _>(db, async |txn| {
        let mut imported = 0;
        for (started_at, answered, wait, talk) in &records {
            imported += call_record::Entity::insert(call_record::ActiveModel {
                started_at: Set(*started_at),
                answered: Set(*answered),
                wait_seconds: Set(*wait),
                talk_seconds: Set(*talk),
                imported_at: Set(now),
                ..Default::default()
            })
            .on_conflict(
                OnConflict::columns([
                    call_record::Column::StartedAt,
                    call_record::Column::Answered,
                    call_record::Column::WaitSeconds,
                    call_record::Column::TalkSeconds,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
        }
        Ok(imported)
    })
    .await?;
    Ok(CallImportSummary {
        imported,
        duplicates: records.len() as u64 - imported,
    })
}

type CallRow = (DateTime<Utc>, bool, i32, i32);
/// Most rows one import takes (a month of a busy call center is well below).
const MAX_CALL_ROWS: usize = 200_000;
fn parse_call_records(
    text: &str,
) -> Result<Vec<CallRow>, Vec<madoguchi_shared::error::FieldError>> {
    use madoguchi_shared::error::FieldError;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let text = text.trim_start_matches('\u{FEFF}');
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    for (index, record) in reader.into_records().enumerate() {
        let (number, cells) = match &record {
            Ok(record) => (
                record
                    .position()
                    .map_or(index as u64 + 1, csv::Position::line),
                record.iter().collect::<Vec<&str>>(),
            ),
            Err(error) => (
                error
                    .position()
                    .map_or(index as u64 + 1, csv::Position::line),
                Vec::new(),
            ),
        };
        let is_header = index == 0
            && cells
                .first()
                .is_some_and(|first| first.to_ascii_lowercase().starts_with("started_at"));
        if is_header || cells.iter().all(|cell| cell.is_empty()) && record.is_ok() {
            continue;
        }
        let field = format!("line {number}");
        let parsed = match cells.as_slice() {
            [started, answered, wait, talk] => parse_started_at(started)
                .ok_or("started_at is not a date and time")
                .and_then(|started| {
                    Ok((
                        started,
                        parse_answered(answered).ok_or("answered must be 1 or 0")?,
                        wait.parse::<i32>()
                            .ok()
                            .filter(|seconds| (0..=86_400).contains(seconds))
                            .ok_or("wait_seconds must be 0-86400")?,
                        talk.parse::<i32>()
                            .ok()
                            .filter(|seconds| (0..=86_400).contains(seconds))
                            .ok_or("talk_seconds must be 0-86400")?,
                    ))
                }),
            _ => Err("expected 4 columns: started_at,answered,wait_seconds,talk_seconds"),
        };
        match parsed {
            Ok(row) => rows.push(row),
            Err(message) if errors.len() < 20 => {
                errors.push(FieldError::new(
                    &field,
                    FieldErrorCode::InvalidFormat,
                    message,
                ));
            }
            Err(_) => {}
        }
    }
    if rows.len() > MAX_CALL_ROWS {
        errors.push(FieldError::new(
            "body",
            FieldErrorCode::TooLong,
            format!("at most {MAX_CALL_ROWS} calls per file"),
        ));
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(FieldError::new(
            "body",
            FieldErrorCode::Required,
            "the file has no call records",
        ));
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn parse_started_at(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.to_utc());
    }
    [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .and_then(|local| local.and_local_timezone(japan()).single())
    .map(|at| at.to_utc())
}

fn parse_answered(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "answered" | "応答" => Some(true),
        "0" | "false" | "no" | "abandoned" | "放棄" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_call_records;

    #[test]
    fn call_records_parse_japan_time_and_refuse_bad_lines_with_their_numbers() {
        let parsed = parse_call_records(
            "\u{FEFF}started_at,answered,wait_seconds,talk_seconds\n2026-12-01 09:00:00,1,12,300\n2026-12-01T00:05:00Z,0,40,0\n",
        );
        let rows = parsed.unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0.to_rfc3339(), "2026-12-01T00:00:00+00:00");
        assert!(!rows[1].1);
        let errors = parse_call_records("2026-12-01 09:00,maybe,1,1\nnot,a,row\n")
            .err()
            .unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["line 1", "line 2"]);
    }
}
