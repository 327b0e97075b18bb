//! `GET /api/v1/locations/{location_id}/availability/{date}`

use actix_web::{get, web};
use chrono::NaiveDate;
use madoguchi_shared::dto::availability::DayAvailability;
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::extract::Caller;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// For which party.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayQuery {
    /// People in the party (default 1).
    #[param(example = 2)]
    party_size: Option<u32>,
    /// Their procedure, when it takes more than one seat per person.
    procedure_id: Option<i64>,
}

/// One day's time bands with their free seats and marks, for the caller's channel.
#[utoipa::path(
    tag = tags::AVAILABILITY,
    operation_id = "get_day_availability",
    params(
        ("location_id" = i64, Path, description = "Location id", example = 1),
        ("date" = NaiveDate, Path, description = "The day", example = "2026-12-01"),
        DayQuery
    ),
    security((), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The day with its bands", body = DayAvailability),
        (status = 401, description = "A token was sent but is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/locations/{location_id}/availability/{date}")]
pub async fn get_day_availability(
    Caller(actor): Caller,
    state: web::Data<AppState>,
    path: web::Path<(i64, NaiveDate)>,
    query: web::Query<DayQuery>,
) -> Result<web::Json<DayAvailability>, AppError> {
    let (location_id, date) = path.into_inner();
    service::availability::day(
        &state.db,
        &state.settings_cache,
        location_id,
        date,
        query.party_size,
        query.procedure_id,
        actor,
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
