//! `POST /api/v1/contract-end/purge`

use actix_web::{post, web};
use madoguchi_shared::dto::report::{PurgeReport, PurgeRequest};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityAdmin, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Remove all personal data after the export (R13.3): needs the SHA-256 of the latest
/// export and the typed confirmation `全件削除`; refused if anything changed since the
/// export. Answers with what was removed and a re-count of what is left (0 = verified).
#[utoipa::path(
    tag = tags::ADMIN,
    operation_id = "purge_contract_end",
    security(("bearer" = ["city_admin"])),
    request_body(content = PurgeRequest, example = json!({
        "export_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "confirmation": "全件削除"
    })),
    responses(
        (status = 200, description = "Purged", body = PurgeReport),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a city administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No export, already purged, or data changed since", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong checksum or confirmation", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/contract-end/purge")]
pub async fn purge_contract_end(
    admin: Staff<CityAdmin>,
    state: web::Data<AppState>,
    body: web::Json<PurgeRequest>,
) -> Result<web::Json<PurgeReport>, AppError> {
    service::contract_end::purge(&state.db, &body, admin.id, state.clock.now())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
