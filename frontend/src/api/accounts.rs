//! Staff accounts (`/api/v1/staff`) and a member's own password.

use madoguchi_shared::dto::auth::ChangePasswordRequest;
use madoguchi_shared::dto::staff::{
    CreateStaffRequest, PasswordReset, StaffAccount, UpdateStaffRequest,
};

use super::{ApiError, staff};

/// Every account (city administrators).
pub async fn list() -> Result<Vec<StaffAccount>, ApiError> {
    staff::get("/api/v1/staff").await
}

/// Creates an account.
pub async fn create(request: &CreateStaffRequest) -> Result<StaffAccount, ApiError> {
    staff::post("/api/v1/staff", request).await
}

/// Changes an account's name, role or state.
pub async fn update(id: i64, change: &UpdateStaffRequest) -> Result<StaffAccount, ApiError> {
    staff::patch(&format!("/api/v1/staff/{id}"), change).await
}

/// Gives an account a new generated password.
pub async fn reset_password(id: i64) -> Result<PasswordReset, ApiError> {
    staff::post_empty(&format!("/api/v1/staff/{id}/password-reset")).await
}

/// Changes the signed-in member's own password.
pub async fn change_own_password(request: &ChangePasswordRequest) -> Result<(), ApiError> {
    staff::post_no_content("/api/v1/auth/password", request).await
}
