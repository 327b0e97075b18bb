//! Availability as the calendar shows it (R7.4-ウ, R5.2).

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::reservation::Channel;
use super::schedule::hh_mm;
use crate::availability::Mark;

/// One time band's seats for the caller's channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BandAvailability {
    /// Start.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:00"))]
    #[serde(with = "hh_mm")]
    pub start: NaiveTime,
    /// End.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:30"))]
    #[serde(with = "hh_mm")]
    pub end: NaiveTime,
    /// Seats this channel can use in the band.
    pub capacity: u32,
    /// Seats still free for this channel.
    pub remaining: u32,
    /// ○ / △ / × / － for the party asked about.
    pub mark: Mark,
    /// Whether the caller may book it now (open, in the booking window, the party fits).
    pub bookable: bool,
}

/// One day of the month calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayAvailability {
    /// The day.
    pub date: NaiveDate,
    /// The day's mark: its best band.
    pub mark: Mark,
    /// Free seats over the day's bookable bands.
    pub remaining: u32,
    /// Seats over the day's bands.
    pub capacity: u32,
    /// National holiday name in Japanese, if any.
    pub holiday_name_ja: Option<String>,
    /// What the city set for the day (e.g. `休日臨時開庁`), if anything.
    pub special_label: Option<String>,
    /// The bands; empty in the month view.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<BandAvailability>,
}

/// A month of availability at one location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthAvailability {
    /// The location.
    pub location_id: i64,
    /// The channel the figures are for (web for citizens, phone for the call center).
    pub channel: Channel,
    /// Seats the party needs.
    pub seats: u32,
    /// Every day of the month.
    pub days: Vec<DayAvailability>,
}
