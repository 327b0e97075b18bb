//! `POST /api/v1/reservations/{number}/members`

use actix_web::{post, web};
use madoguchi_shared::dto::reservation::{PartyMemberInput, Reservation};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::ReservationAccess;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Add a family member to the party, in the same band (R7.4-ク, カ).
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "add_reservation_member",
    params(("number" = String, Path, description = "Reservation number", example = "ACK7-9WXY")),
    request_body(content = PartyMemberInput, example = json!({"name": "廿日 次郎", "procedure_id": 1})),
    security(("citizen" = []), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Added", body = Reservation),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No seat left in the band (`slot_full`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid member, party too large, or outside the booking window", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/reservations/{number}/members")]
pub async fn add_reservation_member(
    access: ReservationAccess,
    state: web::Data<AppState>,
    body: web::Json<PartyMemberInput>,
) -> Result<web::Json<Reservation>, AppError> {
    service::booking::add_member(
        state.change_desk(access.actor),
        &access.number,
        body.into_inner(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
