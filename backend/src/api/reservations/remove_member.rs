//! `DELETE /api/v1/reservations/{number}/members/{member_id}`

use actix_web::{delete, web};
use madoguchi_shared::dto::reservation::Reservation;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::ReservationAccess;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Remove a member from the party and free their seats. The last member cannot be
/// removed: cancel the reservation instead.
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "remove_reservation_member",
    params(
        ("number" = String, Path, description = "Reservation number", example = "ACK7-9WXY"),
        ("member_id" = i64, Path, description = "The member's id", example = 1)
    ),
    security(("citizen" = []), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Removed", body = Reservation),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation or member", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The last member, or outside the booking window", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/reservations/{number}/members/{member_id}")]
pub async fn remove_reservation_member(
    access: ReservationAccess,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<web::Json<Reservation>, AppError> {
    let (_, member_id) = path.into_inner();
    service::booking::remove_member(state.change_desk(access.actor), &access.number, member_id)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
