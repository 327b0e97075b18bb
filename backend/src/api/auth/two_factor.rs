//! `POST /api/v1/auth/two-factor/setup` and `POST /api/v1/auth/two-factor/confirm`

use actix_web::{post, web};
use madoguchi_shared::dto::auth::{ConfirmTwoFactorRequest, TwoFactorEnabled, TwoFactorSetup};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::SignedIn;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Start setting up two-factor sign-in: a new secret for an authenticator app (RFC 6238
/// TOTP), as a QR code and as text. Nothing changes until the first code confirms it.
/// Open to a session limited to this set-up.
#[utoipa::path(
    tag = tags::AUTH,
    operation_id = "start_two_factor",
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The secret to add to the app", body = TwoFactorSetup),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/two-factor/setup")]
pub async fn start_two_factor(
    staff: SignedIn,
    state: web::Data<AppState>,
) -> Result<web::Json<TwoFactorSetup>, AppError> {
    service::auth::start_two_factor(&state.db, staff.account.id)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}

/// Confirm the set-up with the app's first code: two-factor sign-in is on. The answer
/// carries ten recovery codes, shown this once, and a new session; every earlier token of
/// the account has ended.
#[utoipa::path(
    tag = tags::AUTH,
    operation_id = "confirm_two_factor",
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    request_body(content = ConfirmTwoFactorRequest, example = json!({"code": "123456"})),
    responses(
        (status = 200, description = "Two-factor sign-in is on", body = TwoFactorEnabled),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The set-up changed meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The code is not right, or no set-up was started", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many codes checked for this account in 15 minutes (`rate_limited`, `Retry-After`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/two-factor/confirm")]
pub async fn confirm_two_factor(
    staff: SignedIn,
    state: web::Data<AppState>,
    body: web::Json<ConfirmTwoFactorRequest>,
) -> Result<web::Json<TwoFactorEnabled>, AppError> {
    service::auth::confirm_two_factor(
        &state.db,
        &state.tokens,
        &state.sign_in,
        staff.actor(),
        staff.account.id,
        body.into_inner(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
