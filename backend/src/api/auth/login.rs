//! `POST /api/v1/auth/login`

use actix_web::{HttpRequest, post, web};
use madoguchi_shared::dto::auth::{LoginRequest, LoginResponse};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Sign in as staff and get a short-lived bearer token.
///
/// Accounts with two-factor sign-in send the authenticator app's code (or a recovery code)
/// as `code`; without it a right password answers 401 `second_factor_required`. Unknown
/// ids, wrong passwords or codes, locked and disabled accounts all answer 401
/// `invalid_credentials`. Repeated failures lock the login id for the client that failed,
/// and every client has an allowance of attempts per quarter hour (429 with `Retry-After`).
/// A role that must use two factors, on an account without them, gets a session that may
/// only set them up (`two_factor_setup_required`).
#[utoipa::path(
    tag = tags::AUTH,
    operation_id = "login",
    request_body(
        content = LoginRequest,
        example = json!({"login_id": "operator01", "password": "correct horse battery staple"})
    ),
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 401, description = "Wrong login id, password or code, or a locked or disabled account (`invalid_credentials`); the code is missing (`second_factor_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing (`validation_failed`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this client, or the server is busy checking passwords (`rate_limited`, with `Retry-After`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/login")]
pub async fn login(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> Result<web::Json<LoginResponse>, AppError> {
    let client = state.client_key(&request);
    let address = state.client_address(&request).to_string();
    service::auth::login(
        service::auth::SignInContext {
            db: &state.db,
            tokens: &state.tokens,
            hasher: &state.hasher,
            policy: &state.sign_in,
            client: &client,
            address: &address,
            now: state.clock.now(),
        },
        body.into_inner(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
