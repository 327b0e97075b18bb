//! Calls to the REST API, typed with the DTOs of `madoguchi-shared`.

use gloo_net::http::Request;
use madoguchi_shared::dto::call_center::CallCenterStatus;
use madoguchi_shared::dto::catalog::Procedure;
use madoguchi_shared::error::Problem;
use serde::de::DeserializeOwned;

/// Why a call failed: the server's problem, or no usable answer at all.
#[derive(Clone, Debug)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem(Problem),
    /// The network failed or the answer was not understood.
    Network(String),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Problem(problem) => write!(f, "{} ({:?})", problem.title, problem.code),
            ApiError::Network(reason) => write!(f, "network: {reason}"),
        }
    }
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    if response.ok() {
        response
            .json()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))
    } else {
        match response.json::<Problem>().await {
            Ok(problem) => Err(ApiError::Problem(problem)),
            Err(error) => Err(ApiError::Network(error.to_string())),
        }
    }
}

/// `GET /api/v1/procedures`
pub async fn list_procedures() -> Result<Vec<Procedure>, ApiError> {
    get_json("/api/v1/procedures").await
}

/// `GET /api/v1/call-center/status`
pub async fn get_call_center_status() -> Result<CallCenterStatus, ApiError> {
    get_json("/api/v1/call-center/status").await
}
