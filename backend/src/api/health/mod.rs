//! `/healthz` (the process answers) and `/readyz` (the database answers too).

use actix_web::{HttpResponse, get, web};
use madoguchi_shared::dto::health::HealthStatus;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service::error::ServiceError;

fn ok() -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus {
        status: "ok".to_owned(),
    })
}

/// The process is up.
#[utoipa::path(
    tag = tags::HEALTH,
    operation_id = "healthz",
    responses((status = 200, description = "The server process answers", body = HealthStatus))
)]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    ok()
}

/// The server can reach its database and take traffic.
#[utoipa::path(
    tag = tags::HEALTH,
    operation_id = "readyz",
    responses(
        (status = 200, description = "Ready", body = HealthStatus),
        (status = 503, description = "The database is unreachable", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state
        .db
        .ping()
        .await
        .map_err(|error| AppError::from(ServiceError::Unavailable(error.to_string())))?;
    Ok(ok())
}
