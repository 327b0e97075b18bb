//! `GET /api/v1/contract-end/export`

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, get, web};
use madoguchi_shared::error::Problem;

use crate::api::downloads::BinaryFile;
use crate::api::error::AppError;
use crate::api::extract::{CityAdmin, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Download every piece of personal data as one ZIP archive (R13.3): reservations with
/// contact data, party members, history, the inquiry log, call records, mails and staff
/// accounts as CSV, with `manifest.json` (rows and SHA-256 per file) and `README.txt`
/// describing the columns. The archive's SHA-256 is in the `X-Archive-SHA256` header; the
/// purge asks for it.
#[utoipa::path(
    tag = tags::ADMIN,
    operation_id = "export_contract_end",
    security(("bearer" = ["city_admin"])),
    responses(
        (status = 200, description = "The archive", content_type = "application/zip", body = BinaryFile,
            headers(("X-Archive-SHA256" = String, description = "SHA-256 of the archive, hex"))),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a city administrator", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/contract-end/export")]
pub async fn export_contract_end(
    admin: Staff<CityAdmin>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let archive = service::contract_end::export(&state.db, admin.id, now).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(("X-Archive-SHA256", archive.sha256))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "madoguchi-export-{}.zip",
                now.format("%Y%m%dT%H%M%SZ")
            ))],
        })
        .body(archive.bytes))
}
