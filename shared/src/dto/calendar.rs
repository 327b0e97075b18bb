//! The business calendar as the API serves it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One day of the business calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarDay {
    /// The date, Japan time.
    #[cfg_attr(feature = "openapi", schema(example = "2026-11-23"))]
    pub date: NaiveDate,
    /// Day of the week, `mon` to `sun`.
    #[cfg_attr(feature = "openapi", schema(example = "mon"))]
    pub weekday: String,
    /// Whether the office is open by default (a weekday, not a holiday, not the year-end
    /// closure). Special openings set per day by the city come on top of this.
    pub office_open: bool,
    /// The national holiday's name in Japanese, if the day is one.
    #[cfg_attr(feature = "openapi", schema(example = "勤労感謝の日"))]
    pub holiday_name_ja: Option<String>,
    /// The national holiday's name in English, if the day is one.
    #[cfg_attr(feature = "openapi", schema(example = "Labor Thanksgiving Day"))]
    pub holiday_name_en: Option<String>,
    /// Whether the day is in the year-end closure, December 29 - January 3.
    pub year_end_closure: bool,
}

/// Longest range `GET /api/v1/calendar` answers in one call, in days.
pub const MAX_CALENDAR_RANGE_DAYS: i64 = 400;

/// The server's "now": what the booking window, holds and reminders go by. Clients take
/// today's date from here rather than from the device, whose clock or time zone may be off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServerTime {
    /// The current instant, UTC.
    #[cfg_attr(feature = "openapi", schema(example = "2026-11-28T01:23:45Z"))]
    pub now: chrono::DateTime<chrono::Utc>,
    /// Today's date in Japan.
    #[cfg_attr(feature = "openapi", schema(example = "2026-11-28"))]
    pub today: NaiveDate,
    /// The time zone every date and band is in.
    #[cfg_attr(feature = "openapi", schema(example = "Asia/Tokyo"))]
    pub time_zone: String,
}
