//! `POST /api/v1/reservations/lookup`

use actix_web::{HttpRequest, post, web};
use madoguchi_shared::dto::reservation::{LookupRequest, ReservationWithAccess};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Open a reservation with its number and the phone number or email given at booking
/// (R7.4-ク). Returns a token for the other reservation endpoints. Wrong answers all get
/// the same 404, whether the number exists or not; attempts are limited per client and
/// per number (429 with `Retry-After`).
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "lookup_reservation",
    request_body(content = LookupRequest, example = json!({"number": "ACK7-9WXY", "phone_or_email": "090-1234-5678"})),
    responses(
        (status = 200, description = "The reservation and its token", body = ReservationWithAccess),
        (status = 404, description = "No reservation with this number and contact", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/reservations/lookup")]
pub async fn lookup_reservation(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<LookupRequest>,
) -> Result<web::Json<ReservationWithAccess>, AppError> {
    let client = state.client_key(&request);
    let now = state.clock.now();
    let row = service::reservations::lookup(&state.db, &client, &body, now).await?;
    let reservation = service::reservations::to_dto(&state.db, row).await?;
    crate::auth::citizen_link::with_access(&state.tokens, &state.public_url, reservation, now)
        .map(web::Json)
        .map_err(AppError::from)
}
