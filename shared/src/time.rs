//! Japan time. Slots are local dates and times in Asia/Tokyo; instants travel as UTC.
//!
//! Japan has kept UTC+09:00 without daylight saving since 1951, so a fixed offset is exact
//! and keeps the time-zone database out of the WASM bundle.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Weekday};

/// The only time zone madoguchi serves; configuration refuses any other.
pub const TIME_ZONE_NAME: &str = "Asia/Tokyo";

const JAPAN: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(offset) => offset,
    None => panic!("+09:00 is a valid offset"),
};

/// The Asia/Tokyo offset, UTC+09:00.
pub fn japan() -> FixedOffset {
    JAPAN
}

/// 月, 火, ... for a weekday.
pub fn weekday_ja(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// `2026年7月1日(水)`
pub fn format_date_ja(date: NaiveDate) -> String {
    format!(
        "{}年{}月{}日({})",
        date.year(),
        date.month(),
        date.day(),
        weekday_ja(date.weekday())
    )
}

/// `2026年7月1日(水) 9:00`
pub fn format_datetime_ja(at: NaiveDateTime) -> String {
    format!(
        "{} {}:{:02}",
        format_date_ja(at.date()),
        at.hour(),
        at.minute()
    )
}

/// `Wed 1 Jul 2026 9:00`
pub fn format_datetime_en(at: NaiveDateTime) -> String {
    format!(
        "{} {}:{:02}",
        at.format("%a %-d %b %Y"),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_way_japanese_forms_write_them() {
        let date = NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid date");
        assert_eq!(format_date_ja(date), "2026年7月1日(水)");
        let at = date.and_hms_opt(9, 0, 0).expect("valid time");
        assert_eq!(format_datetime_ja(at), "2026年7月1日(水) 9:00");
        assert_eq!(format_datetime_en(at), "Wed 1 Jul 2026 9:00");
    }

    #[test]
    fn japan_is_nine_hours_ahead_of_utc() {
        assert_eq!(japan().local_minus_utc(), 9 * 3600);
    }
}
