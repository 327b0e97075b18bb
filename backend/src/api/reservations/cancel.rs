//! `POST /api/v1/reservations/{number}/cancel`

use actix_web::{post, web};
use madoguchi_shared::dto::reservation::Reservation;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::ReservationAccess;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Cancel the reservation; its seats are free at once (R7.4-ク).
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "cancel_reservation",
    params(("number" = String, Path, description = "Reservation number", example = "ACK7-9WXY")),
    security(("citizen" = []), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Cancelled", body = Reservation),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already cancelled or finished", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/reservations/{number}/cancel")]
pub async fn cancel_reservation(
    access: ReservationAccess,
    state: web::Data<AppState>,
) -> Result<web::Json<Reservation>, AppError> {
    service::booking::cancel(state.change_desk(access.actor), &access.number)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
