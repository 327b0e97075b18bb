//! Daily and monthly reports (R9.1, R9.2) and the call-center figures (R4.5).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::inquiry::InquiryCategory;

/// The call center's answer-rate target (R4.5), in percent.
pub const ANSWER_RATE_TARGET_PERCENT: f64 = 80.0;

/// Daily or monthly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportPeriod {
    /// One day.
    Daily,
    /// One calendar month.
    Monthly,
}

/// Reservations made in the period, by the channel they came through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelCounts {
    /// Citizens on the web.
    pub web: u64,
    /// Operators on the phone.
    pub phone: u64,
    /// City staff at the counter.
    pub counter: u64,
}

impl ChannelCounts {
    /// All channels together.
    pub fn total(&self) -> u64 {
        self.web + self.phone + self.counter
    }
}

/// People booked for one procedure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureCount {
    /// Procedure id.
    pub procedure_id: i64,
    /// Its Japanese name.
    pub name_ja: String,
    /// Its English name.
    pub name_en: String,
    /// People booked for it, by visit day in the period.
    pub people: u64,
}

/// The figures of one location over a period (or one day of it).
///
/// "Made", "changes" and "cancellations" count what happened in the period (Japan time);
/// people, visits, no-shows and utilisation count visits whose day is in the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingFigures {
    /// Reservations made, by channel.
    pub made: ChannelCounts,
    /// Changes of day or time.
    pub changes: u64,
    /// Cancellations.
    pub cancellations: u64,
    /// People with an active reservation for a visit in the period.
    pub people_booked: u64,
    /// Reservations marked visited.
    pub visits: u64,
    /// Reservations marked no-show.
    pub no_shows: u64,
    /// Seats offered in the period.
    pub capacity_seats: u64,
    /// Seats taken in the period.
    pub booked_seats: u64,
    /// Booked seats over capacity, percent; null when nothing was offered.
    pub utilisation_percent: Option<f64>,
}

/// One day of a location's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayFigures {
    /// The day.
    pub date: NaiveDate,
    /// Its figures.
    pub figures: BookingFigures,
}

/// A location's part of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationReport {
    /// Location id.
    pub location_id: i64,
    /// Japanese name.
    pub name_ja: String,
    /// English name.
    pub name_en: String,
    /// The whole period.
    pub totals: BookingFigures,
    /// People booked per procedure, by visit day.
    pub by_procedure: Vec<ProcedureCount>,
    /// Day by day (one entry for a daily report).
    pub days: Vec<DayFigures>,
}

/// Inquiries of one category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryCount {
    /// The category.
    pub category: InquiryCategory,
    /// Calls logged with it.
    pub count: u64,
}

/// Call-center figures from the imported call records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallFigures {
    /// Calls offered (answered + abandoned).
    pub offered: u64,
    /// Calls answered.
    pub answered: u64,
    /// Calls abandoned before an answer.
    pub abandoned: u64,
    /// Answered over offered, percent; null without calls.
    pub answer_rate_percent: Option<f64>,
    /// Whether the answer rate reached the 80 % target (R4.5); null without calls.
    pub meets_target: Option<bool>,
    /// Mean wait of all offered calls, seconds; null without calls.
    pub average_wait_seconds: Option<f64>,
    /// Mean talk time of answered calls, seconds; null without answered calls.
    pub average_talk_seconds: Option<f64>,
}

/// One day of call figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayCallFigures {
    /// The day.
    pub date: NaiveDate,
    /// Its figures.
    pub figures: CallFigures,
}

/// A daily or monthly report, answer of `GET /api/v1/reports/{daily,monthly}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// Daily or monthly.
    pub period: ReportPeriod,
    /// First day.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    /// When the figures were computed.
    pub generated_at: DateTime<Utc>,
    /// Per location (every active location, or the one asked for).
    pub locations: Vec<LocationReport>,
    /// Logged calls by category, every category listed.
    pub inquiries: Vec<CategoryCount>,
    /// Call-center figures of the period.
    pub calls: CallFigures,
    /// Call-center figures day by day.
    pub call_days: Vec<DayCallFigures>,
}

/// Answer of `POST /api/v1/call-records`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallImportSummary {
    /// Rows stored.
    pub imported: u64,
    /// Rows already imported before (same time, outcome and durations), skipped.
    pub duplicates: u64,
}

/// What the contract-end purge removed (R13.3), answer of `POST /api/v1/contract-end/purge`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurgeReport {
    /// When the purge ran.
    pub purged_at: DateTime<Utc>,
    /// SHA-256 of the export archive the city confirmed it received.
    pub export_sha256: String,
    /// Reservations removed.
    pub reservations: u64,
    /// Party members removed.
    pub members: u64,
    /// History rows removed.
    pub history_rows: u64,
    /// Logged inquiries removed.
    pub inquiries: u64,
    /// Queued or sent mails removed.
    pub mails: u64,
    /// Call records removed.
    pub call_records: u64,
    /// Staff accounts removed: all but the administrator who purged.
    #[serde(default)]
    pub staff_accounts: u64,
    /// Audit events removed (the purge itself is then the first event of a new trail).
    #[serde(default)]
    pub audit_events: u64,
    /// Whether the database files were compacted so that nothing deleted stays readable in
    /// them (SQLite: `secure_delete` and `VACUUM`; PostgreSQL: `VACUUM FULL` of the purged
    /// tables).
    #[serde(default)]
    pub compacted: bool,
    /// Rows with personal data counted again after the purge; 0 when verified.
    pub remaining_personal_rows: u64,
    /// Whether the re-count found nothing left.
    pub verified: bool,
}

/// Body of `POST /api/v1/contract-end/purge`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurgeRequest {
    /// The SHA-256 (hex) of the export archive, as the `X-Archive-SHA256` header gave it;
    /// the purge runs only when it matches the latest export.
    pub export_sha256: String,
    /// Must be `全件削除` (or `PURGE ALL`), typed by the administrator.
    #[cfg_attr(feature = "openapi", schema(example = "全件削除"))]
    pub confirmation: String,
}
