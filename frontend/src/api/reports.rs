//! Reports (R9.1, R9.2), the call records they read, and what the scheduled jobs did.

use madoguchi_shared::dto::jobs::JobRun;
use madoguchi_shared::dto::report::CallImportSummary;

use super::{ApiError, staff};

/// The daily report of `day` (`YYYY-MM-DD`); add `&format=csv` or `xlsx` for a file.
pub fn daily_path(day: &str) -> String {
    format!("/api/v1/reports/daily?date={day}")
}

/// The monthly report of `month` (`YYYY-MM`); add `&format=csv` or `xlsx` for a file.
pub fn monthly_path(month: &str) -> String {
    format!("/api/v1/reports/monthly?month={month}")
}

/// Imports the call center's call records (CSV text).
pub async fn import_call_records(csv: String) -> Result<CallImportSummary, ApiError> {
    staff::post_text("/api/v1/call-records", "text/csv", csv).await
}

/// The latest runs of the scheduled jobs.
pub async fn job_runs() -> Result<Vec<JobRun>, ApiError> {
    staff::get("/api/v1/jobs/runs").await
}
