//! Notices on the citizen site (`/api/v1/notices`), as the console edits them.

use madoguchi_shared::dto::notice::{Notice, NoticeInput};

use super::{ApiError, staff};

/// Every notice, published or not.
pub async fn list_all() -> Result<Vec<Notice>, ApiError> {
    staff::get("/api/v1/notices?include_unpublished=true").await
}

/// Publishes a new notice.
pub async fn create(input: &NoticeInput) -> Result<Notice, ApiError> {
    staff::post("/api/v1/notices", input).await
}

/// Replaces a notice.
pub async fn replace(id: i64, input: &NoticeInput) -> Result<Notice, ApiError> {
    staff::put(&format!("/api/v1/notices/{id}"), input).await
}

/// Removes a notice.
pub async fn delete(id: i64) -> Result<(), ApiError> {
    staff::delete(&format!("/api/v1/notices/{id}")).await
}
