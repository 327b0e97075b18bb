//! Whether the call center is answering (R4.3, R6.4).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The call center's state at a moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallCenterStatus {
    /// The moment asked about, Japan time.
    pub at: DateTime<FixedOffset>,
    /// Whether operators answer calls at that moment.
    pub open: bool,
    /// The next opening at or after `at` when closed; the current day's opening when open
    /// is not repeated (null).
    pub next_opening_at: Option<DateTime<FixedOffset>>,
    /// Opening hours in words, Japanese.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "平日 8:30〜17:00（祝日・年末年始を除く）")
    )]
    pub hours_ja: String,
    /// Opening hours in words, English.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Weekdays 8:30-17:00 (closed on national holidays and Dec 29-Jan 3)")
    )]
    pub hours_en: String,
    /// The out-of-hours recorded message, Japanese; null while open.
    pub closed_message_ja: Option<String>,
    /// The out-of-hours recorded message, English; null while open.
    pub closed_message_en: Option<String>,
}
