//! `POST /api/v1/staff/{id}/password-reset`

use actix_web::{post, web};
use madoguchi_shared::dto::staff::PasswordReset;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityAdmin, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Give an account a new random password, shown once in the answer; the member's sessions
/// end. Hand it to the member in person; they should change
/// it after signing in. Needs a step-up in the last five minutes.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "reset_staff_password",
    params(("id" = i64, Path, description = "Account id", example = 2)),
    security(("bearer" = ["city_admin"])),
    responses(
        (status = 200, description = "The new password", body = PasswordReset),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a city administrator (`forbidden`), or no recent step-up (`step_up_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The server is busy hashing passwords (`rate_limited`, `Retry-After`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/staff/{id}/password-reset")]
pub async fn reset_staff_password(
    admin: Staff<CityAdmin>,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<PasswordReset>, AppError> {
    service::staff::reset_password(
        &state.db,
        &state.hasher,
        id.into_inner(),
        admin.id,
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
