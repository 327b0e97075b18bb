//! `POST /api/v1/call-records`

use actix_web::http::header;
use actix_web::{HttpRequest, post, web};
use madoguchi_shared::dto::report::CallImportSummary;
use madoguchi_shared::error::{FieldErrorCode, Problem};

use crate::api::error::AppError;
use crate::api::extract::{Staff, Supervisors};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Largest call-record file taken, bytes.
const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;

/// Import the phone system's call records (CSV) for the answer rate (R4.5). Columns
/// `started_at,answered,wait_seconds,talk_seconds` (header optional); `started_at` in RFC
/// 3339 or `YYYY-MM-DD HH:MM[:SS]` Japan time; `answered` 1 or 0. The whole file or
/// nothing: a bad line refuses it with the line numbers. Calls imported before are skipped,
/// so overlapping exports can be loaded safely.
#[utoipa::path(
    tag = tags::REPORTS,
    operation_id = "import_call_records",
    security(("bearer" = ["call_center_supervisor", "city_staff", "city_admin"])),
    request_body(content = String, content_type = "text/csv", example = "started_at,answered,wait_seconds,talk_seconds\n2026-12-01 09:00:12,1,14,305\n2026-12-01 09:01:40,0,62,0\n"),
    responses(
        (status = 200, description = "Imported", body = CallImportSummary),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An operator", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over 16 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not text/csv", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad lines", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/call-records")]
pub async fn import_call_records(
    _staff: Staff<Supervisors>,
    state: web::Data<AppState>,
    request: HttpRequest,
    payload: web::Payload,
) -> Result<web::Json<CallImportSummary>, AppError> {
    let is_csv = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("text/csv")
        });
    if !is_csv {
        return Err(AppError::UnsupportedMediaType);
    }
    let body = payload
        .to_bytes_limited(MAX_CSV_BYTES)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
        .map_err(|error| AppError::MalformedBody(error.to_string()))?;
    let text = String::from_utf8(body.to_vec()).map_err(|_| {
        AppError::invalid_field(
            "body",
            FieldErrorCode::InvalidEncoding,
            "send the CSV as UTF-8",
        )
    })?;
    service::reports::import_call_records(&state.db, &text, state.clock.now())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
