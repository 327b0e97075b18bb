//! A report as CSV and as an Excel workbook, with the same rows.

use madoguchi_shared::dto::report::{BookingFigures, CallFigures, Report, ReportPeriod};

use crate::service::error::ServiceError;
use crate::service::exports::{self, Sheet};

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
pub fn csv(report: &Report) -> Result<String, ServiceError> {
    let blocks = [
        exports::csv_table(&FIGURE_COLUMNS, &figure_rows(report))?,
        exports::csv_table(&CALL_COLUMNS, &call_rows(report))?,
        exports::csv_table(&SECTION_COLUMNS, &section_rows(report))?,
    ];
    let mut out = String::from("\u{FEFF}");
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            out.push_str("\r\n");
        }
        out.push_str(block.trim_start_matches('\u{FEFF}'));
    }
    Ok(out)
}

/// The report as an XLSX workbook: 予約 (per location and day), 入電 (calls), 内訳
/// (inquiries by category, people by procedure); figures are numbers.
pub fn xlsx(report: &Report) -> Result<Vec<u8>, ServiceError> {
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
