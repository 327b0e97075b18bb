//! `GET /api/v1/audit`

use actix_web::{get, web};
use madoguchi_shared::dto::audit::AuditEntry;
use madoguchi_shared::error::Problem;

use super::AuditQuery;
use crate::api::error::AppError;
use crate::api::extract::{CityAdmin, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// The audit trail, newest first: sign-ins (with the client), searches and opens of
/// reservations, exports with their filter and row count, history views, account, role
/// and settings changes, the contract-end export and purge. Reading it is itself recorded.
#[utoipa::path(
    tag = tags::ADMIN,
    operation_id = "list_audit_events",
    params(AuditQuery),
    security(("bearer" = ["city_admin"])),
    responses(
        (status = 200, description = "Matching events", body = Vec<AuditEntry>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a city administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown action, or the days the wrong way round", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/audit")]
pub async fn list_audit_events(
    admin: Staff<CityAdmin>,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<Vec<AuditEntry>>, AppError> {
    let filter = query.to_filter()?;
    let detail = serde_json::to_value(&*query).unwrap_or_default();
    service::audit::read(&state.db, admin.actor(), &filter, detail, state.clock.now())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
