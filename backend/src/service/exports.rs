//! Reservation lists for the city (R7.4-イ, R5.5): CSV that Japanese Excel opens correctly
//! (UTF-8 with a byte-order mark), XLSX, and a printable day sheet for the counter.

use madoguchi_shared::dto::reservation::{Channel, Reservation, ReservationStatus};
use madoguchi_shared::time::format_date_ja;
use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;

use crate::service::error::ServiceError;
use crate::templates;

/// Column titles, one row per party member.
const COLUMNS: [&str; 14] = [
    "予約番号",
    "状態",
    "受付経路",
    "場所",
    "日付",
    "開始",
    "終了",
    "来庁者氏名",
    "手続き",
    "申込者氏名",
    "フリガナ",
    "電話番号",
    "メールアドレス",
    "予約日時",
];

fn status_ja(status: ReservationStatus) -> &'static str {
    match status {
        ReservationStatus::Booked => "予約済",
        ReservationStatus::Cancelled => "取消",
        ReservationStatus::Visited => "来庁済",
        ReservationStatus::NoShow => "未来庁",
    }
}

fn channel_ja(channel: Channel) -> &'static str {
    match channel {
        Channel::Web => "Web",
        Channel::Phone => "電話",
        Channel::Counter => "窓口",
    }
}

/// The list as rows of cells, one row per party member.
fn rows(reservations: &[Reservation]) -> Vec<[String; 14]> {
    let contact = |reservation: &Reservation, key: &str| {
        reservation.contact.get(key).cloned().unwrap_or_default()
    };
    reservations
        .iter()
        .flat_map(|reservation| {
            reservation.members.iter().map(move |member| {
                [
                    reservation.number.clone(),
                    status_ja(reservation.status).to_owned(),
                    channel_ja(reservation.channel).to_owned(),
                    reservation.location_name_ja.clone(),
                    reservation.date.to_string(),
                    reservation.start.format("%H:%M").to_string(),
                    reservation.end.format("%H:%M").to_string(),
                    member.name.clone(),
                    member.procedure.name_ja.clone(),
                    contact(reservation, "name"),
                    contact(reservation, "name_kana"),
                    contact(reservation, "phone"),
                    contact(reservation, "email"),
                    reservation
                        .created_at
                        .with_timezone(&madoguchi_shared::time::japan())
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                ]
            })
        })
        .collect()
}

/// A cell a spreadsheet would run as a formula gets a quote in front (OWASP's list: a tab or
/// carriage return first also starts one in some spreadsheets).
fn formula_safe(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// CSV with a BOM and CRLF line ends, as Excel for Japanese Windows expects.
pub fn csv(reservations: &[Reservation]) -> Result<String, ServiceError> {
    csv_table(&COLUMNS, &rows(reservations))
}

/// A table as CSV (the `csv` crate): UTF-8 with a BOM, CRLF line ends, every cell quoted
/// and formula-safe.
pub fn csv_table<R: AsRef<[String]>>(header: &[&str], rows: &[R]) -> Result<String, ServiceError> {
    let failed = |error: csv::Error| ServiceError::Internal(error.into());
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{FEFF}".as_bytes().to_vec());
    writer.write_record(header).map_err(failed)?;
    for row in rows {
        writer
            .write_record(
                row.as_ref()
                    .iter()
                    .map(|cell| formula_safe(cell).into_owned()),
            )
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| ServiceError::Internal(anyhow::anyhow!("writing CSV: {error}")))?;
    String::from_utf8(bytes).map_err(|error| ServiceError::Internal(error.into()))
}

/// An XLSX workbook with one sheet.
pub fn xlsx(reservations: &[Reservation]) -> Result<Vec<u8>, ServiceError> {
    let rows = rows(reservations);
    xlsx_workbook(&[Sheet {
        name: "予約一覧",
        header: &COLUMNS,
        rows: rows.iter().map(|row| row.to_vec()).collect(),
        numbers: false,
    }])
}

/// One sheet of a workbook: a bold, frozen header row and text cells (numbers as numbers).
#[derive(Debug)]
pub struct Sheet<'a> {
    /// Tab name.
    pub name: &'a str,
    /// Column titles.
    pub header: &'a [&'a str],
    /// The rows.
    pub rows: Vec<Vec<String>>,
    /// Write cells that read as decimal numbers as numbers (for figures, not for phone
    /// numbers or codes).
    pub numbers: bool,
}

/// An XLSX workbook of `sheets`.
pub fn xlsx_workbook(sheets: &[Sheet<'_>]) -> Result<Vec<u8>, ServiceError> {
    let fail = |error: rust_xlsxwriter::XlsxError| {
        ServiceError::Internal(anyhow::anyhow!("writing XLSX failed: {error}"))
    };
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for sheet_rows in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_rows.name).map_err(fail)?;
        for (column, title) in (0u16..).zip(sheet_rows.header) {
            sheet
                .write_string_with_format(0, column, *title, &bold)
                .map_err(fail)?;
        }
        for (row, cells) in (1u32..).zip(&sheet_rows.rows) {
            for (column, cell) in (0u16..).zip(cells) {
                match cell.parse::<f64>() {
                    Ok(number) if sheet_rows.numbers => {
                        sheet.write_number(row, column, number).map_err(fail)?
                    }
                    _ => sheet.write_string(row, column, cell).map_err(fail)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
    }
    workbook.save_to_buffer().map_err(fail)
}

/// One reservation as the day sheet lists it.
#[derive(Serialize)]
struct SheetRow<'a> {
    start: String,
    end: String,
    number: &'a str,
    members: Vec<SheetMember<'a>>,
    name: &'a str,
    name_kana: &'a str,
    phone: &'a str,
    channel: &'static str,
}

/// One member of a listed party.
#[derive(Serialize)]
struct SheetMember<'a> {
    name: &'a str,
    procedure: &'a str,
}

/// A printable sheet of one day's booked reservations at one location, by band
/// (`crate::templates`, `day_sheet.html`).
pub fn day_sheet_html(
    location_name: &str,
    date: chrono::NaiveDate,
    reservations: &[Reservation],
) -> Result<String, ServiceError> {
    let rows: Vec<SheetRow<'_>> = reservations
        .iter()
        .filter(|reservation| reservation.status != ReservationStatus::Cancelled)
        .map(|reservation| {
            let contact = |key: &str| reservation.contact.get(key).map_or("", String::as_str);
            SheetRow {
                start: reservation.start.format("%H:%M").to_string(),
                end: reservation.end.format("%H:%M").to_string(),
                number: &reservation.number,
                members: reservation
                    .members
                    .iter()
                    .map(|member| SheetMember {
                        name: &member.name,
                        procedure: &member.procedure.name_ja,
                    })
                    .collect(),
                name: contact("name"),
                name_kana: contact("name_kana"),
                phone: contact("phone"),
                channel: channel_ja(reservation.channel),
            }
        })
        .collect();
    let title = format!("{} 予約一覧 {location_name}", format_date_ja(date));
    templates::render(
        "day_sheet.html",
        minijinja::context! { title => title, rows => minijinja::Value::from_serialize(&rows) },
    )
    .map_err(|error| ServiceError::Internal(anyhow::anyhow!("template day_sheet.html: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// The printable day sheet as reviewed: a change of wording or markup shows as a changed
    /// snapshot; a name is escaped, never markup.
    #[test]
    fn r7_4_i_the_day_sheet_reads_as_reviewed() {
        use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
        use madoguchi_shared::dto::reservation::{Channel, Language, PartyMember, ProcedureGuide};
        let at = Utc
            .with_ymd_and_hms(2026, 11, 20, 1, 0, 0)
            .single()
            .unwrap_or_default();
        let reservation = |number: &str, status, name: &str, start: (u32, u32)| Reservation {
            number: number.to_owned(),
            status,
            channel: Channel::Phone,
            language: Language::Ja,
            location_id: 1,
            location_name_ja: "本庁".to_owned(),
            location_name_en: "City Hall".to_owned(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            start: NaiveTime::from_hms_opt(start.0, start.1, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(start.0, start.1 + 30, 0).unwrap_or_default(),
            members: vec![PartyMember {
                id: 1,
                name: name.to_owned(),
                procedure: ProcedureGuide {
                    id: 1,
                    name_ja: "カードの受取り".to_owned(),
                    name_en: "Card pickup".to_owned(),
                    what_to_bring_ja: String::new(),
                    what_to_bring_en: String::new(),
                    notes_ja: String::new(),
                    notes_en: String::new(),
                },
            }],
            contact: [
                ("name".to_owned(), name.to_owned()),
                ("name_kana".to_owned(), "ハツカ タロウ".to_owned()),
                ("phone".to_owned(), "090-1234-5678".to_owned()),
            ]
            .into_iter()
            .collect(),
            created_at: at,
            updated_at: at,
        };
        let sheet = day_sheet_html(
            "本庁 <1階>",
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            &[
                reservation("ACK7-9WXY", ReservationStatus::Booked, "廿日 太郎", (9, 0)),
                reservation(
                    "BCD8-2MNP",
                    ReservationStatus::Cancelled,
                    "取消 済子",
                    (9, 0),
                ),
                reservation(
                    "EFG9-3QRS",
                    ReservationStatus::Visited,
                    "<b>O'Brien</b> & 花子",
                    (10, 0),
                ),
            ],
        );
        insta::assert_snapshot!(sheet.unwrap_or_else(|error| panic!("{error}")));
    }

    #[rstest]
    #[case("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    #[case("+81", "\"'+81\"")]
    #[case("-1+2", "\"'-1+2\"")]
    #[case("@SUM(A1)", "\"'@SUM(A1)\"")]
    #[case("\t=1+1", "\"'\t=1+1\"")]
    #[case("\r=1+1", "\"'\r=1+1\"")]
    #[case("廿日 太郎", "\"廿日 太郎\"")]
    fn r5_5_cells_a_spreadsheet_would_run_as_a_formula_are_quoted(
        #[case] value: &str,
        #[case] cell: &str,
    ) {
        let table = csv_table(&["h"], &[vec![value.to_owned()]]).unwrap_or_default();
        assert_eq!(table, format!("\u{FEFF}\"h\"\r\n{cell}\r\n"));
    }
}
