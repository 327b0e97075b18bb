//! `GET /api/v1/reservations/export`

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, get, web};
use madoguchi_shared::dto::audit::AuditAction;
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::search::ReservationFilter;
use crate::api::downloads::BinaryFile;
use crate::api::error::AppError;
use crate::api::extract::Staff;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// File formats of the export.
#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// CSV, UTF-8 with BOM, CRLF (opens in Japanese Excel).
    Csv,
    /// Excel workbook.
    Xlsx,
}

/// The file format.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `csv` or `xlsx`.
    #[param(inline)]
    format: ExportFormat,
}

/// Download reservations as CSV or XLSX, one row per party member (R7.4-イ, R5.5). Takes
/// the same filters as the search (up to 1000 reservations per file). Bulk export is a
/// permission (`MADOGUCHI_EXPORT_ROLES`, by default supervisors and the city), and every
/// export is in the audit trail with its filter and row count.
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "export_reservations",
    params(FormatQuery, ReservationFilter),
    security(("bearer" = ["call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The file", content(
            (String = "text/csv"),
            (BinaryFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not export (`forbidden`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/reservations/export")]
pub async fn export_reservations(
    staff: Staff,
    state: web::Data<AppState>,
    format: web::Query<FormatQuery>,
    filter: web::Query<ReservationFilter>,
) -> Result<HttpResponse, AppError> {
    service::reservations::ensure_may_export(staff.role, &state.export_roles)?;
    let mut search = filter.to_search()?;
    search.limit = filter.limit.unwrap_or(1000);
    let mut read = filter.audited(staff.actor(), AuditAction::ReservationExport);
    read.target = Some(format!("{:?}", format.format).to_lowercase());
    let reservations =
        service::reservations::search_recorded(&state.db, &search, read, state.clock.now()).await?;
    let (body, content_type, extension) = match format.format {
        ExportFormat::Csv => (
            service::exports::csv(&reservations)?.into_bytes(),
            "text/csv; charset=utf-8",
            "csv",
        ),
        ExportFormat::Xlsx => (
            service::exports::xlsx(&reservations)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "reservations.{extension}"
            ))],
        })
        .body(body))
}
