//! Daily and monthly reports (R9.1, R9.2): per location, what was booked through which
//! channel, for which procedure, changes, cancellations, visits, no-shows and how full the
//! counter was; the inquiry log by category; and the call center's answer rate against
//! the 80 % target (R4.5) from the imported call records.
//!
//! Figures are computed from the rows of the period in one pass per table, in memory: a
//! month of one city's counter is a few thousand rows.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use madoguchi_shared::dto::inquiry::InquiryCategory;
use madoguchi_shared::dto::report::{
    ANSWER_RATE_TARGET_PERCENT, BookingFigures, CallFigures, CallImportSummary, CategoryCount,
    DayCallFigures, DayFigures, LocationReport, ProcedureCount, Report, ReportPeriod,
};
use madoguchi_shared::dto::reservation::{Channel, ReservationStatus};
use madoguchi_shared::time::japan;
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::db::transaction::in_transaction;
use crate::db::{
    call_record, inquiry, location, procedure, report_snapshot, reservation, reservation_history,
    reservation_member, slot,
};
use crate::error::AppError;
use crate::service::exports::{self, Sheet};

/// The instant a Japan day starts.
pub fn japan_day_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN)
        .and_local_timezone(japan())
        .single()
        .map_or_else(
            || day.and_time(chrono::NaiveTime::MIN).and_utc(),
            |at| at.to_utc(),
        )
}

/// The Japan day of an instant.
pub fn japan_day_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&japan()).date_naive()
}

/// First and last day of the period that starts at (or contains) `day`.
pub fn period_days(period: ReportPeriod, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    match period {
        ReportPeriod::Daily => (day, day),
        ReportPeriod::Monthly => {
            let first = day.with_day(1).unwrap_or(day);
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(first);
            (first, next.pred_opt().unwrap_or(first))
        }
    }
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round1(part as f64 * 100.0 / whole as f64))
}

/// Call figures of some calls: `(answered, wait seconds, talk seconds)`.
pub fn call_figures(calls: &[(bool, i32, i32)]) -> CallFigures {
    let offered = calls.len() as u64;
    let answered = calls.iter().filter(|call| call.0).count() as u64;
    let wait: i64 = calls.iter().map(|call| i64::from(call.1)).sum();
    let talk: i64 = calls
        .iter()
        .filter(|call| call.0)
        .map(|call| i64::from(call.2))
        .sum();
    let answer_rate_percent = percent(answered, offered);
    CallFigures {
        offered,
        answered,
        abandoned: offered - answered,
        answer_rate_percent,
        meets_target: answer_rate_percent.map(|rate| rate >= ANSWER_RATE_TARGET_PERCENT),
        average_wait_seconds: (offered > 0).then(|| round1(wait as f64 / offered as f64)),
        average_talk_seconds: (answered > 0).then(|| round1(talk as f64 / answered as f64)),
    }
}

fn finish(figures: &mut BookingFigures) {
    figures.utilisation_percent = percent(figures.booked_seats, figures.capacity_seats);
}

/// Per location and day, filled in as the rows are read.
#[derive(Default)]
struct Tally {
    days: BTreeMap<NaiveDate, BookingFigures>,
    procedures: BTreeMap<i64, u64>,
}

impl Tally {
    fn day(&mut self, date: NaiveDate) -> &mut BookingFigures {
        self.days.entry(date).or_default()
    }
}

/// Computes the report of the period containing `day`, for one location or all active ones.
pub async fn compute(
    db: &impl ConnectionTrait,
    period: ReportPeriod,
    day: NaiveDate,
    location_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Report, AppError> {
    let (from, to) = period_days(period, day);
    let start = japan_day_start(from);
    let end = japan_day_start(to + Duration::days(1));

    let locations = match location_id {
        Some(id) => vec![
            location::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::NotFound("The location".to_owned()))?,
        ],
        None => {
            location::Entity::find()
                .filter(location::Column::Active.eq(true))
                .order_by_asc(location::Column::SortOrder)
                .order_by_asc(location::Column::Id)
                .all(db)
                .await?
        }
    };
    let location_ids: Vec<i64> = locations.iter().map(|place| place.id).collect();
    let mut tallies: HashMap<i64, Tally> = location_ids
        .iter()
        .map(|id| (*id, Tally::default()))
        .collect();

    // Seats offered and taken, by visit day.
    let slots = slot::Entity::find()
        .filter(slot::Column::LocationId.is_in(location_ids.clone()))
        .filter(slot::Column::Date.between(from, to))
        .all(db)
        .await?;
    let slot_days: HashMap<i64, NaiveDate> = slots.iter().map(|row| (row.id, row.date)).collect();
    for row in &slots {
        if let Some(tally) = tallies.get_mut(&row.location_id) {
            let figures = tally.day(row.date);
            figures.capacity_seats += u64::try_from(row.capacity).unwrap_or(0);
            figures.booked_seats += u64::try_from(row.taken).unwrap_or(0);
        }
    }

    // Visits, no-shows and people, by visit day. Sub-queries rather than long `IN` lists,
    // and only the columns counted: a month is thousands of rows.
    let slots_of_period = Query::select()
        .column(slot::Column::Id)
        .from(slot::Entity)
        .and_where(slot::Column::LocationId.is_in(location_ids.clone()))
        .and_where(slot::Column::Date.between(from, to))
        .to_owned();
    let visiting: Vec<(i64, i64, i64, String)> = reservation::Entity::find()
        .select_only()
        .columns([
            reservation::Column::Id,
            reservation::Column::LocationId,
            reservation::Column::SlotId,
            reservation::Column::Status,
        ])
        .filter(reservation::Column::SlotId.in_subquery(slots_of_period.clone()))
        .into_tuple()
        .all(db)
        .await?;
    let mut active: HashMap<i64, (i64, NaiveDate)> = HashMap::new();
    for (id, location_id, slot_id, status) in &visiting {
        let (Some(tally), Some(date)) = (tallies.get_mut(location_id), slot_days.get(slot_id))
        else {
            continue;
        };
        let figures = tally.day(*date);
        if status == ReservationStatus::Visited.as_str() {
            figures.visits += 1;
        } else if status == ReservationStatus::NoShow.as_str() {
            figures.no_shows += 1;
        }
        if status != ReservationStatus::Cancelled.as_str() {
            active.insert(*id, (*location_id, *date));
        }
    }
    let members: Vec<(i64, i64)> = reservation_member::Entity::find()
        .select_only()
        .columns([
            reservation_member::Column::ReservationId,
            reservation_member::Column::ProcedureId,
        ])
        .filter(reservation_member::Column::RemovedAt.is_null())
        .filter(
            reservation_member::Column::ReservationId.in_subquery(
                Query::select()
                    .column(reservation::Column::Id)
                    .from(reservation::Entity)
                    .and_where(reservation::Column::SlotId.in_subquery(slots_of_period))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    for (reservation_id, procedure_id) in &members {
        if let Some((location_id, date)) = active.get(reservation_id)
            && let Some(tally) = tallies.get_mut(location_id)
        {
            tally.day(*date).people_booked += 1;
            *tally.procedures.entry(*procedure_id).or_default() += 1;
        }
    }

    // Reservations made in the period, by channel and the day they were made.
    let made: Vec<(i64, String, DateTime<Utc>)> = reservation::Entity::find()
        .select_only()
        .columns([
            reservation::Column::LocationId,
            reservation::Column::Channel,
            reservation::Column::CreatedAt,
        ])
        .filter(reservation::Column::LocationId.is_in(location_ids.clone()))
        .filter(reservation::Column::CreatedAt.gte(start))
        .filter(reservation::Column::CreatedAt.lt(end))
        .into_tuple()
        .all(db)
        .await?;
    for (location_id, channel, created_at) in &made {
        if let Some(tally) = tallies.get_mut(location_id) {
            let counts = &mut tally.day(japan_day_of(*created_at)).made;
            match Channel::parse(channel) {
                Some(Channel::Web) => counts.web += 1,
                Some(Channel::Phone) => counts.phone += 1,
                Some(Channel::Counter) | None => counts.counter += 1,
            }
        }
    }

    // Changes and cancellations made in the period, with their reservation's location.
    let event_ids = Query::select()
        .column(reservation_history::Column::ReservationId)
        .from(reservation_history::Entity)
        .and_where(reservation_history::Column::Action.is_in(["change", "cancel"]))
        .and_where(reservation_history::Column::At.gte(start))
        .and_where(reservation_history::Column::At.lt(end))
        .to_owned();
    let event_locations: HashMap<i64, i64> = reservation::Entity::find()
        .select_only()
        .columns([reservation::Column::Id, reservation::Column::LocationId])
        .filter(reservation::Column::Id.in_subquery(event_ids))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let events: Vec<(i64, String, DateTime<Utc>)> = reservation_history::Entity::find()
        .select_only()
        .columns([
            reservation_history::Column::ReservationId,
            reservation_history::Column::Action,
            reservation_history::Column::At,
        ])
        .filter(reservation_history::Column::Action.is_in(["change", "cancel"]))
        .filter(reservation_history::Column::At.gte(start))
        .filter(reservation_history::Column::At.lt(end))
        .into_tuple()
        .all(db)
        .await?;
    for (reservation_id, action, at) in &events {
        if let Some(tally) = event_locations
            .get(reservation_id)
            .and_then(|location_id| tallies.get_mut(location_id))
        {
            let figures = tally.day(japan_day_of(*at));
            if action == "change" {
                figures.changes += 1;
            } else {
                figures.cancellations += 1;
            }
        }
    }

    let procedures: HashMap<i64, procedure::Model> = procedure::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let days: Vec<NaiveDate> = from.iter_days().take_while(|date| *date <= to).collect();
    let location_reports = locations
        .iter()
        .map(|place| {
            let mut tally = tallies.remove(&place.id).unwrap_or_default();
            let mut totals = BookingFigures::default();
            let day_figures = days
                .iter()
                .map(|date| {
                    let mut figures = tally.days.remove(date).unwrap_or_default();
                    finish(&mut figures);
                    add(&mut totals, &figures);
                    DayFigures {
                        date: *date,
                        figures,
                    }
                })
                .collect();
            finish(&mut totals);
            let mut by_procedure: Vec<ProcedureCount> = tally
                .procedures
                .iter()
                .map(|(id, people)| {
                    let known = procedures.get(id);
                    ProcedureCount {
                        procedure_id: *id,
                        name_ja: known.map(|row| row.name_ja.clone()).unwrap_or_default(),
                        name_en: known.map(|row| row.name_en.clone()).unwrap_or_default(),
                        people: *people,
                    }
                })
                .collect();
            by_procedure.sort_by_key(|count| {
                (
                    procedures
                        .get(&count.procedure_id)
                        .map(|row| row.sort_order),
                    count.procedure_id,
                )
            });
            LocationReport {
                location_id: place.id,
                name_ja: place.name_ja.clone(),
                name_en: place.name_en.clone(),
                totals,
                by_procedure,
                days: day_figures,
            }
        })
        .collect();

    // The inquiry log and the call records belong to the call center, not to a location.
    let logged = inquiry::Entity::find()
        .filter(inquiry::Column::ReceivedAt.gte(start))
        .filter(inquiry::Column::ReceivedAt.lt(end))
        .all(db)
        .await?;
    let inquiries = InquiryCategory::ALL
        .into_iter()
        .map(|category| CategoryCount {
            category,
            count: logged
                .iter()
                .filter(|row| row.category == category.as_str())
                .count() as u64,
        })
        .collect();
    let calls = call_record::Entity::find()
        .filter(call_record::Column::StartedAt.gte(start))
        .filter(call_record::Column::StartedAt.lt(end))
        .all(db)
        .await?;
    let mut calls_by_day: BTreeMap<NaiveDate, Vec<(bool, i32, i32)>> = BTreeMap::new();
    for call in &calls {
        calls_by_day
            .entry(japan_day_of(call.started_at))
            .or_default()
            .push((call.answered, call.wait_seconds, call.talk_seconds));
    }
    let all_calls: Vec<(bool, i32, i32)> = calls_by_day.values().flatten().copied().collect();
    let call_days = days
        .iter()
        .map(|date| DayCallFigures {
            date: *date,
            figures: call_figures(calls_by_day.get(date).map_or(&[], Vec::as_slice)),
        })
        .collect();

    Ok(Report {
        period,
        from,
        to,
        generated_at: now,
        locations: location_reports,
        inquiries,
        calls: call_figures(&all_calls),
        call_days,
    })
}

fn add(totals: &mut BookingFigures, day: &BookingFigures) {
    totals.made.web += day.made.web;
    totals.made.phone += day.made.phone;
    totals.made.counter += day.made.counter;
    totals.changes += day.changes;
    totals.cancellations += day.cancellations;
    totals.people_booked += day.people_booked;
    totals.visits += day.visits;
    totals.no_shows += day.no_shows;
    totals.capacity_seats += day.capacity_seats;
    totals.booked_seats += day.booked_seats;
}

/// Computes the report and keeps it as generated (the daily and monthly jobs), replacing an
/// earlier snapshot of the same period.
pub async fn generate_snapshot(
    db: &impl ConnectionTrait,
    period: ReportPeriod,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Report, AppError> {
    let report = compute(db, period, day, None, now).await?;
    let body = serde_json::to_string(&report).map_err(|error| AppError::Internal(error.into()))?;
    report_snapshot::Entity::insert(report_snapshot::ActiveModel {
        period: Set(period_name(period).to_owned()),
        first_day: Set(report.from),
        generated_at: Set(now),
        body_json: Set(body),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            report_snapshot::Column::Period,
            report_snapshot::Column::FirstDay,
        ])
        .update_columns([
            report_snapshot::Column::GeneratedAt,
            report_snapshot::Column::BodyJson,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(report)
}

/// The report as the job generated it, if it ran for that period.
pub async fn snapshot(
    db: &impl ConnectionTrait,
    period: ReportPeriod,
    day: NaiveDate,
) -> Result<Report, AppError> {
    let (from, _) = period_days(period, day);
    let row = report_snapshot::Entity::find()
        .filter(report_snapshot::Column::Period.eq(period_name(period)))
        .filter(report_snapshot::Column::FirstDay.eq(from))
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound("The generated report".to_owned()))?;
    serde_json::from_str(&row.body_json).map_err(|error| AppError::Internal(error.into()))
}

fn period_name(period: ReportPeriod) -> &'static str {
    match period {
        ReportPeriod::Daily => "daily",
        ReportPeriod::Monthly => "monthly",
    }
}

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
) -> Result<CallImportSummary, AppError> {
    let records = parse_call_records(text).map_err(AppError::Validation)?;
    let imported = in_transaction::<_, AppError, _>(db, async |txn| {
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
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() || (index == 0 && line.to_ascii_lowercase().starts_with("started_at")) {
            continue;
        }
        let cells: Vec<&str> = line
            .split(',')
            .map(|cell| cell.trim().trim_matches('"'))
            .collect();
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
                errors.push(FieldError::new(&field, "invalid_format", message));
            }
            Err(_) => {}
        }
    }
    if rows.len() > MAX_CALL_ROWS {
        errors.push(FieldError::new(
            "body",
            "too_long",
            format!("at most {MAX_CALL_ROWS} calls per file"),
        ));
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(FieldError::new(
            "body",
            "required",
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

const FIGURE_COLUMNS: [&str; 14] = [
    "拠点 (location)",
    "日付 (date)",
    "Web予約",
    "電話予約",
    "窓口予約",
    "予約件数計",
    "変更",
    "取消",
    "予約人数",
    "来庁",
    "無断キャンセル",
    "枠数",
    "予約済枠",
    "枠利用率(%)",
];

fn figure_row(place: &str, date: &str, figures: &BookingFigures) -> Vec<String> {
    vec![
        place.to_owned(),
        date.to_owned(),
        figures.made.web.to_string(),
        figures.made.phone.to_string(),
        figures.made.counter.to_string(),
        figures.made.total().to_string(),
        figures.changes.to_string(),
        figures.cancellations.to_string(),
        figures.people_booked.to_string(),
        figures.visits.to_string(),
        figures.no_shows.to_string(),
        figures.capacity_seats.to_string(),
        figures.booked_seats.to_string(),
        figures
            .utilisation_percent
            .map(|value| value.to_string())
            .unwrap_or_default(),
    ]
}

fn figure_rows(report: &Report) -> Vec<Vec<String>> {
    report
        .locations
        .iter()
        .flat_map(|place| {
            let days = place
                .days
                .iter()
                .map(|day| figure_row(&place.name_ja, &day.date.to_string(), &day.figures));
            let total = (report.period == ReportPeriod::Monthly)
                .then(|| figure_row(&place.name_ja, "合計", &place.totals));
            days.chain(total).collect::<Vec<_>>()
        })
        .collect()
}

const CALL_COLUMNS: [&str; 7] = [
    "日付 (date)",
    "入電数",
    "応答数",
    "放棄数",
    "応答率(%)",
    "目標80%達成",
    "平均待ち時間(秒)",
];

fn call_row(date: &str, figures: &CallFigures) -> Vec<String> {
    let optional = |value: Option<f64>| value.map(|value| value.to_string()).unwrap_or_default();
    vec![
        date.to_owned(),
        figures.offered.to_string(),
        figures.answered.to_string(),
        figures.abandoned.to_string(),
        optional(figures.answer_rate_percent),
        match figures.meets_target {
            Some(true) => "達成".to_owned(),
            Some(false) => "未達".to_owned(),
            None => String::new(),
        },
        optional(figures.average_wait_seconds),
    ]
}

fn call_rows(report: &Report) -> Vec<Vec<String>> {
    report
        .call_days
        .iter()
        .map(|day| call_row(&day.date.to_string(), &day.figures))
        .chain(std::iter::once(call_row("合計", &report.calls)))
        .collect()
}

const SECTION_COLUMNS: [&str; 4] = [
    "区分 (section)",
    "項目 (item)",
    "件数 (count)",
    "拠点 (location)",
];

fn section_rows(report: &Report) -> Vec<Vec<String>> {
    let inquiries = report.inquiries.iter().map(|count| {
        vec![
            "問合せ分類".to_owned(),
            count.category.label_ja().to_owned(),
            count.count.to_string(),
            String::new(),
        ]
    });
    let procedures = report.locations.iter().flat_map(|place| {
        place.by_procedure.iter().map(|count| {
            vec![
                "手続別人数".to_owned(),
                count.name_ja.clone(),
                count.people.to_string(),
                place.name_ja.clone(),
            ]
        })
    });
    inquiries.chain(procedures).collect()
}

/// The report as CSV (UTF-8 with BOM): the booking figures per location and day, then the
/// call-center figures per day, then inquiries by category and people by procedure, each
/// block with its own header line and separated by an empty line.
pub fn csv(report: &Report) -> String {
    let blocks = [
        exports::csv_table(&FIGURE_COLUMNS, &figure_rows(report)),
        exports::csv_table(&CALL_COLUMNS, &call_rows(report)),
        exports::csv_table(&SECTION_COLUMNS, &section_rows(report)),
    ];
    let mut out = String::from("\u{FEFF}");
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            out.push_str("\r\n");
        }
        out.push_str(block.trim_start_matches('\u{FEFF}'));
    }
    out
}

/// The report as an XLSX workbook: 予約 (per location and day), 入電 (calls), 内訳
/// (inquiries by category, people by procedure); figures are numbers.
pub fn xlsx(report: &Report) -> Result<Vec<u8>, AppError> {
    exports::xlsx_workbook(&[
        Sheet {
            name: "予約",
            header: &FIGURE_COLUMNS,
            rows: figure_rows(report),
            numbers: true,
        },
        Sheet {
            name: "入電",
            header: &CALL_COLUMNS,
            rows: call_rows(report),
            numbers: true,
        },
        Sheet {
            name: "内訳",
            header: &SECTION_COLUMNS,
            rows: section_rows(report),
            numbers: true,
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_figures_give_the_answer_rate_against_the_80_percent_target() {
        let calls = [
            (true, 10, 100),
            (true, 20, 200),
            (true, 30, 60),
            (false, 60, 0),
        ];
        let figures = call_figures(&calls);
        assert_eq!(figures.offered, 4);
        assert_eq!(figures.answered, 3);
        assert_eq!(figures.abandoned, 1);
        assert_eq!(figures.answer_rate_percent, Some(75.0));
        assert_eq!(figures.meets_target, Some(false));
        assert_eq!(figures.average_wait_seconds, Some(30.0));
        assert_eq!(figures.average_talk_seconds, Some(120.0));
        assert_eq!(call_figures(&[]).answer_rate_percent, None);
        assert_eq!(
            call_figures(&[(true, 0, 1); 4]).meets_target,
            Some(true),
            "R4.5: 100 % meets the target"
        );
    }

    #[test]
    fn a_monthly_period_runs_from_the_first_to_the_last_day() {
        let day = |text: &str| text.parse::<NaiveDate>().ok();
        let (from, to) = period_days(ReportPeriod::Monthly, day("2027-02-14").unwrap_or_default());
        assert_eq!(
            (Some(from), Some(to)),
            (day("2027-02-01"), day("2027-02-28"))
        );
        let (from, to) = period_days(ReportPeriod::Daily, day("2026-12-31").unwrap_or_default());
        assert_eq!(from, to);
    }

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
