//! `GET /api/v1/auth/me`

use actix_web::{get, web};
use madoguchi_shared::dto::staff::StaffAccount;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::SignedIn;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// The signed-in staff member's own account.
#[utoipa::path(
    tag = tags::AUTH,
    operation_id = "get_me",
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The account", body = StaffAccount),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/auth/me")]
pub async fn get_me(
    state: web::Data<AppState>,
    staff: SignedIn,
) -> Result<web::Json<StaffAccount>, AppError> {
    service::staff::get(&state.db, staff.account.id)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
