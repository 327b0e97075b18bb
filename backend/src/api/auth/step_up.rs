//! `POST /api/v1/auth/step-up`

use actix_web::{post, web};
use madoguchi_shared::dto::auth::{StepUp, StepUpRequest};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::Staff;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Confirm the password (and the code, with two-factor sign-in) again before a sensitive
/// action: the contract-end export and purge, creating an administrator, resetting a
/// password or someone's two-factor sign-in answer 403 `step_up_required` without one in
/// the last five minutes.
#[utoipa::path(
    tag = tags::AUTH,
    operation_id = "step_up",
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    request_body(content = StepUpRequest, example = json!({"password": "correct horse battery staple", "code": "123456"})),
    responses(
        (status = 200, description = "Sensitive actions are open until `until`", body = StepUp),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The password or the code is not right", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The server is busy checking passwords", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/step-up")]
pub async fn step_up(
    staff: Staff,
    state: web::Data<AppState>,
    body: web::Json<StepUpRequest>,
) -> Result<web::Json<StepUp>, AppError> {
    service::auth::step_up(
        &state.db,
        &state.hasher,
        staff.actor(),
        staff.id,
        body.into_inner(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
