//! The days the phone screen offers, and how a day and a mark are read out to a caller.

use chrono::{Datelike, Days, Months, NaiveDate};
use madoguchi_shared::availability::Mark;
use madoguchi_shared::dto::availability::DayAvailability;
use madoguchi_shared::time::weekday_ja;

use crate::api::ApiError;
use crate::api::reservations::{self as api_staff};
use crate::i18n::Lang;

/// Days of availability the screen shows, from today.
pub(super) const DAYS_SHOWN: u64 = 28;
pub(super) fn today_in_japan() -> NaiveDate {
    crate::clock::today()
}
/// `12/3(木)` / `Thu 3 Dec`
pub(super) fn short_date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Ja => format!(
            "{}/{}({})",
            date.month(),
            date.day(),
            weekday_ja(date.weekday())
        ),
        Lang::En => date.format("%a %-d %b").to_string(),
    }
}
/// How a symbol of a reservation number is said on the phone.
pub fn spoken_symbol(symbol: char) -> &'static str {
    match symbol {
        '3' => "さん",
        '4' => "よん",
        '6' => "ろく",
        '7' => "なな",
        '9' => "きゅう",
        'A' => "エー",
        'C' => "シー",
        'E' => "イー",
        'F' => "エフ",
        'G' => "ジー",
        'H' => "エイチ",
        'J' => "ジェー",
        'K' => "ケー",
        'M' => "エム",
        'N' => "エヌ",
        'P' => "ピー",
        'R' => "アール",
        'T' => "ティー",
        'W' => "ダブリュー",
        'X' => "エックス",
        'Y' => "ワイ",
        '-' => "の",
        _ => "",
    }
}
/// The first day of the `page`-th stretch of `DAYS_SHOWN` days from today.
pub(super) fn page_start(page: u32) -> NaiveDate {
    let today = today_in_japan();
    today
        .checked_add_days(Days::new(DAYS_SHOWN * u64::from(page)))
        .unwrap_or(today)
}
/// `DAYS_SHOWN` days of one location for the party from `first`, phone channel.
pub(super) async fn coming_days(
    location_id: i64,
    party: usize,
    first: NaiveDate,
) -> Result<Vec<DayAvailability>, ApiError> {
    let today = first;
    let last = today
        .checked_add_days(Days::new(DAYS_SHOWN - 1))
        .unwrap_or(today);
    let mut month = today.with_day(1).unwrap_or(today);
    let mut days = Vec::new();
    while month <= last {
        let found = api_staff::month_availability(location_id, month, party).await?;
        days.extend(
            found
                .days
                .into_iter()
                .filter(|day| day.date >= today && day.date <= last && day.mark != Mark::Closed),
        );
        month = match month.checked_add_months(Months::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    Ok(days)
}
