//! `GET /api/v1/reservations/{number}`

use actix_web::{get, web};
use madoguchi_shared::dto::reservation::Reservation;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::ReservationAccess;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// A reservation with each member's procedure, what to bring and notes (R5.4). Citizens
/// send the token of their reservation; staff send theirs.
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "get_reservation",
    params(("number" = String, Path, description = "Reservation number", example = "ACK7-9WXY")),
    security(("citizen" = []), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The reservation", body = Reservation),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation (or not this token's)", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/reservations/{number}")]
pub async fn get_reservation(
    access: ReservationAccess,
    state: web::Data<AppState>,
) -> Result<web::Json<Reservation>, AppError> {
    service::reservations::open(
        &state.db,
        access.actor,
        access.number.as_str(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
