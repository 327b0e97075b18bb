//! The business calendar (R4.3) and the call center's state (R6.4).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use madoguchi_shared::calendar::{holiday, is_office_day, is_year_end_closure};
use madoguchi_shared::call_center::{
    closed_message_en, closed_message_ja, is_open_at, next_opening_after,
};
use madoguchi_shared::dto::calendar::{CalendarDay, MAX_CALENDAR_RANGE_DAYS};
use madoguchi_shared::dto::call_center::CallCenterStatus;
use madoguchi_shared::error::{FieldError, FieldErrorCode};
use madoguchi_shared::time::japan;

use crate::service::error::ServiceError;

/// Each day from `from` to `to`, both included, at most [`MAX_CALENDAR_RANGE_DAYS`].
pub fn business_days(from: NaiveDate, to: NaiveDate) -> Result<Vec<CalendarDay>, ServiceError> {
    if to < from {
        return Err(ServiceError::Validation(vec![FieldError::new(
            "to",
            FieldErrorCode::BeforeFrom,
            "must be on or after from",
        )]));
    }
    if (to - from).num_days() >= MAX_CALENDAR_RANGE_DAYS {
        return Err(ServiceError::Validation(vec![FieldError::new(
            "to",
            FieldErrorCode::RangeTooLong,
            format!("the range may span at most {MAX_CALENDAR_RANGE_DAYS} days"),
        )]));
    }
    Ok(from
        .iter_days()
        .take_while(|day| *day <= to)
        .map(|date| {
            let holiday = holiday(date);
            CalendarDay {
                date,
                weekday: date.weekday().to_string().to_lowercase(),
                office_open: is_office_day(date),
                holiday_name_ja: holiday.map(|kind| kind.name_ja().to_owned()),
                holiday_name_en: holiday.map(|kind| kind.name_en().to_owned()),
                year_end_closure: is_year_end_closure(date),
            }
        })
        .collect())
}

/// Whether the call center answers at `at`, and what the recorded message says if not.
pub fn call_center_status(at: DateTime<Utc>) -> CallCenterStatus {
    let open = is_open_at(at);
    let next_opening_at = if open { None } else { next_opening_after(at) };
    CallCenterStatus {
        at: at.with_timezone(&japan()),
        open,
        next_opening_at,
        hours_ja: "平日 8:30〜17:00（祝日・年末年始を除く）".to_owned(),
        hours_en: "Weekdays 8:30-17:00 (closed on national holidays and Dec 29-Jan 3)".to_owned(),
        closed_message_ja: (!open).then(|| closed_message_ja(next_opening_at)),
        closed_message_en: (!open).then(|| closed_message_en(next_opening_at)),
    }
}
