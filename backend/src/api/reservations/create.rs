//! `POST /api/v1/reservations`

use actix_web::{HttpRequest, HttpResponse, post, web};
use madoguchi_shared::dto::reservation::{CreateReservationRequest, ReservationWithAccess};
use madoguchi_shared::error::{FieldErrorCode, Problem};

use crate::api::error::AppError;
use crate::api::extract::Caller;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;
use crate::service::booking::Requester;

/// Book a party of one or more people into one time band (R7.4-オ, カ, キ, ケ; R5.3).
///
/// Citizens book without a token (channel web); operators and city staff with theirs
/// (channel phone or counter): the channel and the actor written to history come from
/// the caller, never from the body. Send an `Idempotency-Key` header to make retries safe:
/// the same key and body return the first result (200) instead of booking twice.
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "create_reservation",
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string per booking attempt, up to 128 characters")),
    request_body(content = CreateReservationRequest, example = json!({
        "location_id": 1,
        "date": "2026-12-01",
        "start": "09:00",
        "members": [
            {"name": "廿日 太郎", "procedure_id": 1},
            {"name": "廿日 花子", "procedure_id": 2}
        ],
        "contact": {
            "name": "廿日 太郎",
            "name_kana": "ハツカ タロウ",
            "phone": "090-1234-5678",
            "email": "taro@example.jp",
            "birth_date": "1980-04-01"
        },
        "language": "ja"
    })),
    security((), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 201, description = "Booked", body = ReservationWithAccess),
        (status = 200, description = "Replay of an earlier request with the same Idempotency-Key", body = ReservationWithAccess),
        (status = 401, description = "A token was sent but is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location (`not_found`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No seat left (`slot_full`), or the contact already has an active reservation (`too_many_active_reservations`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, no such band, outside the booking window, or a reused Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "This client made too many bookings this hour (`Retry-After`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/reservations")]
pub async fn create_reservation(
    Caller(actor): Caller,
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<CreateReservationRequest>,
) -> Result<HttpResponse, AppError> {
    let idempotency_key = request
        .headers()
        .get("Idempotency-Key")
        .map(|value| {
            value.to_str().map(str::to_owned).map_err(|_| {
                AppError::invalid_field(
                    "Idempotency-Key",
                    FieldErrorCode::InvalidFormat,
                    "must be visible ASCII",
                )
            })
        })
        .transpose()?;
    let now = state.clock.now();
    let client = state.client_key(&request);
    let created = service::booking::create(
        state.booking_desk(),
        Requester {
            actor,
            client: &client,
        },
        body.into_inner(),
        idempotency_key,
        now,
    )
    .await?;
    let body = crate::auth::citizen_link::with_access(
        &state.tokens,
        &state.public_url,
        created.reservation,
        now,
    )?;
    Ok(if created.replayed {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::Created().json(body)
    })
}
