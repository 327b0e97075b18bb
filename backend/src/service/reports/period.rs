//! The days a report covers, and where a Japan day starts and ends.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use madoguchi_shared::dto::report::ReportPeriod;

use madoguchi_shared::time::japan;

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

pub(super) fn period_name(period: ReportPeriod) -> &'static str {
    match period {
        ReportPeriod::Daily => "daily",
        ReportPeriod::Monthly => "monthly",
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use madoguchi_shared::dto::report::ReportPeriod;

    use super::period_days;

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
}
