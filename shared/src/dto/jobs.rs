//! Scheduled jobs as city staff see them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One run of a scheduled job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobRun {
    /// Run id.
    pub id: i64,
    /// The job, e.g. `reminders`.
    #[cfg_attr(feature = "openapi", schema(example = "reminders"))]
    pub job: String,
    /// The job and the slot it ran for.
    #[cfg_attr(feature = "openapi", schema(example = "reminders:2026-11-27"))]
    pub run_key: String,
    /// Start.
    pub started_at: DateTime<Utc>,
    /// End; null while running.
    pub finished_at: Option<DateTime<Utc>>,
    /// `running`, `ok` or `failed`.
    #[cfg_attr(feature = "openapi", schema(example = "ok"))]
    pub outcome: String,
    /// What it did, or why it failed.
    pub detail: Option<String>,
}
