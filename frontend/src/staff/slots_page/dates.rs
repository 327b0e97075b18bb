//! Dates as the slot editor shows and reads them.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use madoguchi_shared::dto::schedule::DayOfWeek;

use crate::i18n::Lang;

pub(super) fn today() -> NaiveDate {
    crate::clock::today()
}
pub(super) fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}
pub(super) fn weekday_name(day: DayOfWeek, lang: Lang) -> &'static str {
    match (day, lang) {
        (DayOfWeek::Mon, Lang::Ja) => "月曜日",
        (DayOfWeek::Tue, Lang::Ja) => "火曜日",
        (DayOfWeek::Wed, Lang::Ja) => "水曜日",
        (DayOfWeek::Thu, Lang::Ja) => "木曜日",
        (DayOfWeek::Fri, Lang::Ja) => "金曜日",
        (DayOfWeek::Sat, Lang::Ja) => "土曜日",
        (DayOfWeek::Sun, Lang::Ja) => "日曜日",
        (DayOfWeek::Mon, Lang::En) => "Monday",
        (DayOfWeek::Tue, Lang::En) => "Tuesday",
        (DayOfWeek::Wed, Lang::En) => "Wednesday",
        (DayOfWeek::Thu, Lang::En) => "Thursday",
        (DayOfWeek::Fri, Lang::En) => "Friday",
        (DayOfWeek::Sat, Lang::En) => "Saturday",
        (DayOfWeek::Sun, Lang::En) => "Sunday",
    }
}
pub(super) fn short_weekday(day: DayOfWeek, lang: Lang) -> &'static str {
    let index = DayOfWeek::ALL
        .iter()
        .position(|other| *other == day)
        .unwrap_or(0);
    lang.weekdays()[index]
}
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}
pub(super) fn confirmed(message: &str) -> bool {
    window().confirm_with_message(message).unwrap_or(false)
}
