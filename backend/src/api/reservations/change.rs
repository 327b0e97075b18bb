//! `POST /api/v1/reservations/{number}/change`

use actix_web::{post, web};
use madoguchi_shared::dto::reservation::{ChangeSlotRequest, Reservation};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::ReservationAccess;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Move the reservation to another time band, atomically: it is in exactly one of the two
/// bands at every moment (R7.4-ク). Citizens may do so within the booking window.
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "change_reservation",
    params(("number" = String, Path, description = "Reservation number", example = "ACK7-9WXY")),
    request_body(content = ChangeSlotRequest, example = json!({"date": "2026-12-02", "start": "10:00"})),
    security(("citizen" = []), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Moved", body = Reservation),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The new band is full (`slot_full`), or the reservation is cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such band, or outside the booking window", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/reservations/{number}/change")]
pub async fn change_reservation(
    access: ReservationAccess,
    state: web::Data<AppState>,
    body: web::Json<ChangeSlotRequest>,
) -> Result<web::Json<Reservation>, AppError> {
    service::booking::change_slot(
        state.change_desk(access.actor),
        &access.number,
        body.into_inner(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
