//! `POST /api/v1/reservations/{number}/attendance`

use actix_web::{post, web};
use madoguchi_shared::dto::reservation::{AttendanceRequest, Reservation};
use madoguchi_shared::error::Problem;
use madoguchi_shared::reservation_number::ReservationNumber;

use crate::api::error::AppError;
use crate::api::extract::{CityStaff, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Record at the counter that the party came (来庁) or did not (no-show).
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "record_attendance",
    params(("number" = String, Path, description = "Reservation number", example = "ACK7-9WXY")),
    request_body(content = AttendanceRequest, example = json!({"came": true})),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Recorded", body = Reservation),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reservation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a booked reservation", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/reservations/{number}/attendance")]
pub async fn record_attendance(
    staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    number: web::Path<String>,
    body: web::Json<AttendanceRequest>,
) -> Result<web::Json<Reservation>, AppError> {
    let number = ReservationNumber::parse(&number)
        .ok_or_else(|| AppError::not_found("The reservation".to_owned()))?;
    service::booking::record_attendance(state.change_desk(staff.actor()), &number, body.came)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
