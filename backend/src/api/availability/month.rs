//! `GET /api/v1/locations/{location_id}/availability`

use actix_web::{get, web};
use chrono::NaiveDate;
use madoguchi_shared::dto::availability::MonthAvailability;
use madoguchi_shared::error::{FieldErrorCode, Problem};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::extract::Caller;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Which month, for which party.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthQuery {
    /// The month, `YYYY-MM`.
    #[param(example = "2026-12")]
    month: String,
    /// People in the party (default 1).
    #[param(example = 2)]
    party_size: Option<u32>,
    /// Their procedure, when it takes more than one seat per person.
    procedure_id: Option<i64>,
}

/// The month calendar of a location: for each day its mark ○ (空きあり) / △ (残りわずか) /
/// × (満席) / － (受付なし) and its free seats (R7.4-ウ, R5.2). Citizens see the web's
/// seats within the booking window; staff (with a token) see the phone's seats.
#[utoipa::path(
    tag = tags::AVAILABILITY,
    operation_id = "get_month_availability",
    params(("location_id" = i64, Path, description = "Location id", example = 1), MonthQuery),
    security((), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Every day of the month", body = MonthAvailability),
        (status = 401, description = "A token was sent but is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad month or party size", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/locations/{location_id}/availability")]
pub async fn get_month_availability(
    Caller(actor): Caller,
    state: web::Data<AppState>,
    location_id: web::Path<i64>,
    query: web::Query<MonthQuery>,
) -> Result<web::Json<MonthAvailability>, AppError> {
    let first =
        NaiveDate::parse_from_str(&format!("{}-01", query.month), "%Y-%m-%d").map_err(|_| {
            AppError::invalid_field("month", FieldErrorCode::InvalidFormat, "use YYYY-MM")
        })?;
    service::availability::month(
        &state.db,
        &state.settings_cache,
        location_id.into_inner(),
        first,
        query.party_size,
        query.procedure_id,
        actor,
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
