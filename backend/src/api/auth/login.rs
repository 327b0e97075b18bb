//! `POST /api/v1/auth/login`

use actix_web::{post, web};
use madoguchi_shared::dto::auth::{LoginRequest, LoginResponse};
use madoguchi_shared::error::Problem;

use crate::api::tags;
use crate::error::AppError;
use crate::service;
use crate::startup::AppState;

/// Sign in as staff and get a short-lived bearer token.
///
/// After repeated failures the account is locked for a while (429 with `Retry-After`).
#[utoipa::path(
    tag = tags::AUTH,
    operation_id = "login",
    request_body(
        content = LoginRequest,
        example = json!({"login_id": "operator01", "password": "correct horse battery staple"})
    ),
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 401, description = "Wrong login id or password (`invalid_credentials`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The account is disabled (`account_disabled`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing (`validation_failed`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after repeated failures (`account_locked`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> Result<web::Json<LoginResponse>, AppError> {
    service::auth::login(
        &state.db,
        &state.tokens,
        state.lockout,
        body.into_inner(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
}
