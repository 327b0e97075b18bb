//! `POST /api/v1/holds`

use actix_web::{HttpRequest, HttpResponse, post, web};
use madoguchi_shared::dto::reservation::{Hold, HoldRequest};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::Caller;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;
use crate::service::booking::Requester;

/// Hold seats in a band for a few minutes while the booking form is filled in, so they are
/// not lost at the last step. Unused holds free themselves when they expire.
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "create_hold",
    request_body(content = HoldRequest, example = json!({"location_id": 1, "date": "2026-12-01", "start": "09:00", "seats": 2})),
    security((), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 201, description = "Held", body = Hold),
        (status = 401, description = "A token was sent but is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location (`not_found`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No seats left (`slot_full`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such band, outside the booking window, or more seats than one party", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "This client holds too many bands at once, or made too many holds this hour (`Retry-After`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/holds")]
pub async fn create_hold(
    Caller(actor): Caller,
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<HoldRequest>,
) -> Result<HttpResponse, AppError> {
    let client = state.client_key(&request);
    let held = service::booking::hold_seats(
        &state.db,
        Requester {
            actor,
            client: &client,
        },
        &body,
        state.limits.per_client,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(Hold {
        id: held.id,
        expires_at: held.expires_at,
    }))
}
