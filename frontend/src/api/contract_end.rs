//! Contract end (R13.3): the archive of every personal record, then the purge.

use madoguchi_shared::dto::report::{PurgeReport, PurgeRequest};

use super::{ApiError, staff};

/// The archive's bytes and its SHA-256 (from the `X-Archive-SHA256` header).
pub async fn export() -> Result<(Vec<u8>, Option<String>), ApiError> {
    staff::get_bytes("/api/v1/contract-end/export", "X-Archive-SHA256").await
}

/// Removes every personal record once the archive is confirmed.
pub async fn purge(request: &PurgeRequest) -> Result<PurgeReport, ApiError> {
    staff::post("/api/v1/contract-end/purge", request).await
}
