//! `GET /api/v1/audit/export`

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, get, web};
use madoguchi_shared::error::Problem;

use super::AuditQuery;
use crate::api::error::AppError;
use crate::api::extract::{CityAdmin, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// The audit trail as CSV (UTF-8 with BOM, CRLF, Japan time), with the same filters as the
/// list. Downloading it is itself recorded.
#[utoipa::path(
    tag = tags::ADMIN,
    operation_id = "export_audit_events",
    params(AuditQuery),
    security(("bearer" = ["city_admin"])),
    responses(
        (status = 200, description = "The file", content((String = "text/csv"))),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a city administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown action, or the days the wrong way round", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/audit/export")]
pub async fn export_audit_events(
    admin: Staff<CityAdmin>,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let mut filter = query.to_filter()?;
    filter.limit = query.limit.unwrap_or(10_000);
    let detail = serde_json::to_value(&*query).unwrap_or_default();
    let entries =
        service::audit::read(&state.db, admin.actor(), &filter, detail, state.clock.now()).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename("audit.csv".to_owned())],
        })
        .body(service::audit::csv(&entries)?))
}
