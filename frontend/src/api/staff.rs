//! Calls the staff console makes: every one carries the session's bearer token, and a
//! refused or expired token sends the member to sign in again and back (see `session`).

use gloo_net::http::{Request, RequestBuilder, Response};
use madoguchi_shared::dto::auth::{LoginRequest, LoginResponse};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::ApiError;
use crate::staff::session;

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
        match response.json().await {
            Ok(problem) => Err(ApiError::Problem(problem)),
            Err(error) => Err(ApiError::Network(error.to_string())),
        }
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

/// `POST /api/v1/auth/login`
pub async fn login(request: &LoginRequest) -> Result<LoginResponse, ApiError> {
    let request = Request::post("/api/v1/auth/login")
        .json(request)
        .map_err(|error| ApiError::Network(error.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    if response.ok() {
        response
            .json()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))
    } else {
        Err(response.json().await.map_or_else(
            |error| ApiError::Network(error.to_string()),
            ApiError::Problem,
        ))
    }
}

/// `GET path` with the session's token.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    json(authorised(Request::get(path)).send().await).await
}

/// `POST path` with a JSON body.
pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(authorised(Request::post(path)), body).await
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
    let response = answer(authorised(Request::get(path)).send().await).await?;
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
