//! `GET /api/v1/reservations/{number}/history`

use actix_web::{get, web};
use madoguchi_shared::dto::audit::AuditAction;
use madoguchi_shared::dto::history::HistoryEntry;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::Staff;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;
use crate::service::reservations::HistoryFilter;

/// Every change to one reservation, newest first, with who made it (R7.4-エ).
#[utoipa::path(
    tag = tags::HISTORY,
    operation_id = "get_reservation_history",
    params(("number" = String, Path, description = "Reservation number", example = "ACK7-9WXY")),
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The history", body = Vec<HistoryEntry>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/reservations/{number}/history")]
pub async fn get_reservation_history(
    staff: Staff,
    state: web::Data<AppState>,
    number: web::Path<String>,
) -> Result<web::Json<Vec<HistoryEntry>>, AppError> {
    let row = service::reservations::find_by_number(&state.db, &number).await?;
    let filter = HistoryFilter {
        reservation_id: Some(row.id),
        limit: 1000,
        ..Default::default()
    };
    let read = service::audit::Read {
        actor: staff.actor(),
        action: AuditAction::HistoryView,
        target: Some(row.number),
        filter: serde_json::Value::Null,
    };
    service::reservations::history_recorded(&state.db, &filter, read, state.clock.now())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
