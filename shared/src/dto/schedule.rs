//! Slot settings (予約枠の設定, R7.4-ア): weekly templates, day overrides, the booking window.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::availability::FewThreshold;

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayOfWeek {
    /// Monday
    Mon,
    /// Tuesday
    Tue,
    /// Wednesday
    Wed,
    /// Thursday
    Thu,
    /// Friday
    Fri,
    /// Saturday
    Sat,
    /// Sunday
    Sun,
}

impl DayOfWeek {
    /// Every day, Monday first.
    pub const ALL: [DayOfWeek; 7] = [
        DayOfWeek::Mon,
        DayOfWeek::Tue,
        DayOfWeek::Wed,
        DayOfWeek::Thu,
        DayOfWeek::Fri,
        DayOfWeek::Sat,
        DayOfWeek::Sun,
    ];

    /// 1 for Monday to 7 for Sunday (ISO 8601), as stored.
    pub fn number(self) -> i16 {
        match self {
            DayOfWeek::Mon => 1,
            DayOfWeek::Tue => 2,
            DayOfWeek::Wed => 3,
            DayOfWeek::Thu => 4,
            DayOfWeek::Fri => 5,
            DayOfWeek::Sat => 6,
            DayOfWeek::Sun => 7,
        }
    }

    /// The day for an ISO number.
    pub fn from_number(number: i16) -> Option<DayOfWeek> {
        DayOfWeek::ALL
            .into_iter()
            .find(|day| day.number() == number)
    }

    /// The day of `date`.
    pub fn of(date: NaiveDate) -> DayOfWeek {
        use chrono::Datelike;
        let number = i16::try_from(date.weekday().number_from_monday()).unwrap_or(1);
        DayOfWeek::from_number(number).unwrap_or(DayOfWeek::Mon)
    }
}

/// One time band with its seats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeBand {
    /// Start, Japan time.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:00"))]
    #[serde(with = "hh_mm")]
    pub start: NaiveTime,
    /// End, Japan time.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:30"))]
    #[serde(with = "hh_mm")]
    pub end: NaiveTime,
    /// Seats in the band.
    #[cfg_attr(feature = "openapi", schema(example = 4))]
    pub capacity: u32,
    /// Seats kept for phone bookings until the location's release time (0: none).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub phone_quota: u32,
}

/// The bands of one day of the week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekdayBands {
    /// The day of the week.
    pub weekday: DayOfWeek,
    /// Its bands, in time order.
    pub bands: Vec<TimeBand>,
}

/// Body to create or replace a weekly template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyTemplateInput {
    /// A name for staff, e.g. `2026年度 通常`.
    #[cfg_attr(feature = "openapi", schema(example = "2026年度 通常"))]
    pub name: String,
    /// First day the template applies.
    pub valid_from: NaiveDate,
    /// Last day it applies; open-ended when null.
    pub valid_to: Option<NaiveDate>,
    /// Bands per day of the week; days not listed have none. Holidays and the year-end
    /// closure are closed whatever the template says, unless a day override opens them.
    pub days: Vec<WeekdayBands>,
}

/// A weekly template (通常の予約枠).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyTemplate {
    /// Template id.
    pub id: i64,
    /// Its location.
    pub location_id: i64,
    /// The template itself.
    #[serde(flatten)]
    pub template: WeeklyTemplateInput,
}

/// Body to set one day's override (特定日の設定).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayOverrideInput {
    /// Close the day entirely (bands must then be empty).
    pub closed: bool,
    /// What the day is, e.g. `休日臨時開庁` or `平日夜間窓口`.
    #[cfg_attr(feature = "openapi", schema(example = "休日臨時開庁"))]
    pub label: String,
    /// The day's bands, replacing the template's (a weekday-night override lists the usual
    /// day bands plus the evening ones).
    pub bands: Vec<TimeBand>,
}

/// A day override.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayOverride {
    /// Its location.
    pub location_id: i64,
    /// The day.
    pub date: NaiveDate,
    /// The override itself.
    #[serde(flatten)]
    pub day: DayOverrideInput,
}

/// When citizens may book, and how marks and holds behave, at one location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingWindow {
    /// Booking opens this many days ahead (e.g. 60).
    #[cfg_attr(feature = "openapi", schema(example = 60))]
    pub opens_days_ahead: u32,
    /// Booking closes this many days before the visit, at `closes_at` (1 = the day before).
    #[cfg_attr(feature = "openapi", schema(example = 2))]
    pub closes_days_before: u32,
    /// Time of day booking closes.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "17:00"))]
    #[serde(with = "hh_mm")]
    pub closes_at: NaiveTime,
    /// When a band shows △.
    pub few_threshold: FewThreshold,
    /// Minutes a picked band is held (仮押さえ) while the form is filled in.
    #[cfg_attr(feature = "openapi", schema(example = 10))]
    pub hold_minutes: u32,
    /// Unused phone quota is released to the web this many hours before the band starts.
    #[cfg_attr(feature = "openapi", schema(example = 48))]
    pub phone_quota_release_hours: u32,
    /// Largest party one reservation may have.
    #[cfg_attr(feature = "openapi", schema(example = 5))]
    pub max_party_size: u32,
}

impl Default for BookingWindow {
    fn default() -> Self {
        Self {
            opens_days_ahead: 60,
            closes_days_before: 2,
            closes_at: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            few_threshold: FewThreshold::default(),
            hold_minutes: 10,
            phone_quota_release_hours: 48,
            max_party_size: 5,
        }
    }
}

/// `HH:MM` on the wire, the way people write times.
pub mod hh_mm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes `09:00`.
    pub fn serialize<S: Serializer>(time: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&time.format("%H:%M").to_string())
    }

    /// Reads `09:00` (or `09:00:00`).
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveTime::parse_from_str(&text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(&text, "%H:%M:%S"))
            .map_err(|_| D::Error::custom(format!("expected a time as HH:MM, got {text:?}")))
    }
}
