//! Calls the staff console makes: every one carries the session's bearer token, and a
//! refused or expired token sends the member to sign in again and back (see `session`); a
//! session that must first set up two-factor sign-in is sent to the two-factor page.

use gloo_net::http::{Request, RequestBuilder, Response};
use madoguchi_shared::dto::audit::AuditEntry;
use madoguchi_shared::dto::auth::{
    ConfirmTwoFactorRequest, LoginRequest, LoginResponse, StepUp, StepUpRequest, TwoFactorEnabled,
    TwoFactorSetup,
};
use madoguchi_shared::dto::staff::StaffAccount;
use madoguchi_shared::error::ErrorCode;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ApiError, abortable, problem_of};
use crate::session;

fn authorised(request: RequestBuilder) -> RequestBuilder {
    match session::load() {
        Some(current) => request.header("Authorization", &format!("Bearer {}", current.token)),
        None => request,
    }
}

async fn answer(response: Result<Response, gloo_net::Error>) -> Result<Response, ApiError> {
    let response = response.map_err(|error| ApiError::Network(error.to_string()))?;
    if response.status() == 401 {
        session::expire_and_redirect();
    }
    if response.ok() {
        Ok(response)
    } else {
        let refusal = problem_of(response).await;
        if refusal.code() == ErrorCode::TwoFactorSetupRequired {
            session::require_two_factor_setup();
        }
        Err(refusal)
    }
}

async fn json<T: DeserializeOwned>(
    response: Result<Response, gloo_net::Error>,
) -> Result<T, ApiError> {
    answer(response)
        .await?
        .json()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))
}

/// Why a sign-in was refused, and how long the server asked to wait before the next try.
#[derive(Clone, Debug)]
pub struct SignInFailure {
    /// The refusal.
    pub error: ApiError,
    /// The `Retry-After` of a 429, in seconds.
    pub retry_after_seconds: Option<u64>,
}

impl From<gloo_net::Error> for SignInFailure {
    fn from(error: gloo_net::Error) -> Self {
        SignInFailure {
            error: ApiError::Network(error.to_string()),
            retry_after_seconds: None,
        }
    }
}

/// `POST /api/v1/auth/login`. A refusal does not send anyone anywhere: the sign-in page
/// explains it (a 401 here is a wrong password or code, not an ended session).
pub async fn login(request: &LoginRequest) -> Result<LoginResponse, SignInFailure> {
    let response = Request::post("/api/v1/auth/login")
        .json(request)?
        .send()
        .await?;
    if response.ok() {
        return Ok(response.json().await?);
    }
    let retry_after_seconds = response
        .headers()
        .get("Retry-After")
        .and_then(|seconds| seconds.trim().parse().ok());
    Err(SignInFailure {
        error: problem_of(response).await,
        retry_after_seconds,
    })
}

/// `POST /api/v1/auth/logout`: ends every session of the account on every device. A token
/// the server no longer accepts (401) has nothing left to end, so that counts as done.
pub async fn logout() -> Result<(), ApiError> {
    let response = authorised(Request::post("/api/v1/auth/logout"))
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    if response.ok() || response.status() == 401 {
        return Ok(());
    }
    Err(problem_of(response).await)
}

/// `GET /api/v1/auth/me`: the signed-in account as the server has it now.
pub async fn me() -> Result<StaffAccount, ApiError> {
    get("/api/v1/auth/me").await
}

/// `POST /api/v1/auth/two-factor/setup`: a new secret for the authenticator app.
pub async fn start_two_factor() -> Result<TwoFactorSetup, ApiError> {
    post_empty("/api/v1/auth/two-factor/setup").await
}

/// `POST /api/v1/auth/two-factor/confirm`: the app's first code turns two-factor sign-in on;
/// the answer carries the recovery codes and a new session (every earlier token ended).
pub async fn confirm_two_factor(code: &str) -> Result<TwoFactorEnabled, ApiError> {
    post(
        "/api/v1/auth/two-factor/confirm",
        &ConfirmTwoFactorRequest {
            code: code.to_owned(),
        },
    )
    .await
}

/// `POST /api/v1/auth/step-up`: the password (and code) again, which opens the sensitive
/// actions for a few minutes.
pub async fn step_up(request: &StepUpRequest) -> Result<StepUp, ApiError> {
    post("/api/v1/auth/step-up", request).await
}

/// `DELETE /api/v1/staff/{id}/two-factor`: an administrator turns a member's two-factor
/// sign-in off (a lost phone).
pub async fn reset_two_factor(staff_id: i64) -> Result<(), ApiError> {
    delete(&format!("/api/v1/staff/{staff_id}/two-factor")).await
}

/// `GET /api/v1/audit?{query}`: audit events, newest first.
pub async fn audit_entries(query: &str) -> Result<Vec<AuditEntry>, ApiError> {
    get(&format!("/api/v1/audit?{query}")).await
}

/// `GET /api/v1/audit/export?{query}`: the same events as a CSV file.
pub fn audit_export_path(query: &str) -> String {
    format!("/api/v1/audit/export?{query}")
}

/// `GET path` with the session's token.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    json(authorised(abortable(Request::get(path))).send().await).await
}

/// `POST path` with a JSON body.
pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(authorised(Request::post(path)), body).await
}

/// `POST path` with a JSON body and an `Idempotency-Key`, so that a retry after a lost
/// answer never does the work twice.
pub async fn post_once<B: Serialize, T: DeserializeOwned>(
    path: &str,
    idempotency_key: &str,
    body: &B,
) -> Result<T, ApiError> {
    let request = Request::post(path).header("Idempotency-Key", idempotency_key);
    send(authorised(request), body).await
}

/// `PUT path` with a JSON body.
pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(authorised(Request::put(path)), body).await
}

/// `PATCH path` with a JSON body.
pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(authorised(Request::patch(path)), body).await
}

/// `POST path` with a JSON body, expecting no answer body (204).
pub async fn post_no_content<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    let request = authorised(Request::post(path))
        .json(body)
        .map_err(|error| ApiError::Network(error.to_string()))?;
    answer(request.send().await).await.map(|_| ())
}

/// `POST path` without a body.
pub async fn post_empty<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    json(authorised(Request::post(path)).send().await).await
}

/// `DELETE path`, expecting no answer body.
pub async fn delete(path: &str) -> Result<(), ApiError> {
    answer(authorised(Request::delete(path)).send().await)
        .await
        .map(|_| ())
}

/// `DELETE path`, returning the changed resource.
pub async fn delete_returning<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    json(authorised(Request::delete(path)).send().await).await
}

/// `POST path` with a raw text body (e.g. a CSV upload).
pub async fn post_text<T: DeserializeOwned>(
    path: &str,
    content_type: &str,
    body: String,
) -> Result<T, ApiError> {
    let request = authorised(Request::post(path))
        .header("Content-Type", content_type)
        .body(body)
        .map_err(|error| ApiError::Network(error.to_string()))?;
    json(request.send().await).await
}

/// `GET path` as raw bytes and the named response header (downloads).
pub async fn get_bytes(path: &str, header: &str) -> Result<(Vec<u8>, Option<String>), ApiError> {
    let response = answer(authorised(abortable(Request::get(path))).send().await).await?;
    let value = response.headers().get(header);
    let bytes = response
        .binary()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    Ok((bytes, value))
}

async fn send<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    let request = request
        .json(body)
        .map_err(|error| ApiError::Network(error.to_string()))?;
    json(request.send().await).await
}
