//! Call-center opening hours (R4.3) and the out-of-hours message (R6.4).
//!
//! The call center answers Monday to Friday, 08:30-17:00 Japan time, on the same business
//! calendar as the office: closed on national holidays and December 29 - January 3.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::calendar::is_office_day;
use crate::time::japan;

/// Opening time of the call center on a business day (R4.3).
pub const OPENS_AT: NaiveTime = match NaiveTime::from_hms_opt(8, 30, 0) {
    Some(time) => time,
    None => panic!("08:30 is a valid time"),
};

/// Closing time of the call center on a business day (R4.3).
pub const CLOSES_AT: NaiveTime = match NaiveTime::from_hms_opt(17, 0, 0) {
    Some(time) => time,
    None => panic!("17:00 is a valid time"),
};

/// How far ahead to look for the next opening; the longest closure (year end plus a
/// weekend and a holiday) is well under this.
const MAX_DAYS_CLOSED: u64 = 30;

/// Whether the call center answers calls at `at` (R4.3).
pub fn is_open_at(at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&japan());
    is_office_day(local.date_naive()) && (OPENS_AT..CLOSES_AT).contains(&local.time())
}

/// The next moment at or after `at` when the call center opens, in Japan time.
/// `None` only if no business day falls in the next month, which the calendar never does.
pub fn next_opening_after(at: DateTime<Utc>) -> Option<DateTime<FixedOffset>> {
    let local = at.with_timezone(&japan());
    let today = local.date_naive();
    let first_candidate = if local.time() < OPENS_AT {
        today
    } else {
        today.checked_add_days(Days::new(1))?
    };
    first_candidate
        .iter_days()
        .take(MAX_DAYS_CLOSED as usize)
        .find(|day| is_office_day(*day))
        .and_then(opening_on)
}

fn opening_on(day: NaiveDate) -> Option<DateTime<FixedOffset>> {
    japan()
        .from_local_datetime(&NaiveDateTime::new(day, OPENS_AT))
        .single()
}

/// The recorded message played outside hours (R6.4), in Japanese.
pub fn closed_message_ja(next_opening: Option<DateTime<FixedOffset>>) -> String {
    let base = "お電話ありがとうございます。廿日市市マイナンバーカード予約コールセンターです。\
                ただいまの時間は受付時間外です。受付時間は平日の午前8時30分から午後5時までです\
                （祝日・年末年始を除く）。Web予約は24時間ご利用いただけます。";
    match next_opening {
        Some(at) => format!(
            "{base}次の受付開始は{}です。",
            crate::time::format_datetime_ja(at.naive_local())
        ),
        None => base.to_owned(),
    }
}

/// The recorded message played outside hours (R6.4), in English.
pub fn closed_message_en(next_opening: Option<DateTime<FixedOffset>>) -> String {
    let base = "Thank you for calling the Hatsukaichi City My Number Card reservation center. \
                We are closed now. We answer calls on weekdays from 8:30 to 17:00, except \
                national holidays and December 29 to January 3. Web booking is open 24 hours.";
    match next_opening {
        Some(at) => format!(
            "{base} We open again on {}.",
            crate::time::format_datetime_en(at.naive_local())
        ),
        None => base.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// A Japan-time instant as UTC.
    fn jst(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        japan()
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .expect("valid test time")
            .with_timezone(&Utc)
    }

    #[rstest]
    #[case::weekday_at_opening(jst(2026, 11, 26, 8, 30), true)]
    #[case::weekday_before_opening(jst(2026, 11, 26, 8, 29), false)]
    #[case::weekday_last_minute(jst(2026, 11, 26, 16, 59), true)]
    #[case::weekday_at_closing(jst(2026, 11, 26, 17, 0), false)]
    #[case::saturday(jst(2026, 11, 28, 10, 0), false)]
    #[case::national_holiday(jst(2026, 11, 23, 10, 0), false)]
    #[case::year_end(jst(2026, 12, 30, 10, 0), false)]
    #[case::first_working_day_of_the_year(jst(2027, 1, 4, 9, 0), true)]
    fn r4_3_call_center_hours(#[case] at: DateTime<Utc>, #[case] open: bool) {
        assert_eq!(is_open_at(at), open);
    }

    #[rstest]
    #[case::early_morning_opens_same_day(jst(2026, 11, 26, 7, 0), (2026, 11, 26))]
    #[case::evening_opens_next_day(jst(2026, 11, 26, 18, 0), (2026, 11, 27))]
    #[case::friday_evening_opens_monday(jst(2026, 11, 27, 18, 0), (2026, 11, 30))]
    #[case::year_end_opens_jan_4(jst(2026, 12, 28, 17, 30), (2027, 1, 4))]
    #[case::golden_week_opens_after_substitute_holiday(jst(2026, 5, 1, 17, 30), (2026, 5, 7))]
    fn r6_4_next_opening_skips_closed_days(
        #[case] at: DateTime<Utc>,
        #[case] (y, m, d): (i32, u32, u32),
    ) {
        let next = next_opening_after(at).expect("an opening within a month");
        assert_eq!(
            next.naive_local(),
            NaiveDate::from_ymd_opt(y, m, d)
                .expect("valid date")
                .and_time(OPENS_AT)
        );
    }

    #[test]
    fn r6_4_closed_message_names_the_next_opening_in_both_languages() {
        let next = next_opening_after(jst(2026, 11, 27, 18, 0));
        assert!(closed_message_ja(next).contains("2026年11月30日(月) 8:30"));
        assert!(closed_message_en(next).contains("Mon 30 Nov 2026 8:30"));
    }
}
