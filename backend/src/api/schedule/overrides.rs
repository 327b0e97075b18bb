//! `/api/v1/locations/{location_id}/overrides`

use actix_web::{HttpResponse, delete, get, put, web};
use chrono::{Days, NaiveDate};
use madoguchi_shared::dto::schedule::{DayOverride, DayOverrideInput};
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::extract::{CityStaff, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// The range of days.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeQuery {
    /// First day (default today).
    from: Option<NaiveDate>,
    /// Last day (default 366 days after `from`).
    to: Option<NaiveDate>,
}

/// A location's day overrides: special openings, weekday nights, closures.
#[utoipa::path(
    tag = tags::SCHEDULE,
    operation_id = "list_overrides",
    params(("location_id" = i64, Path, description = "Location id", example = 1), RangeQuery),
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The overrides, by day", body = Vec<DayOverride>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/locations/{location_id}/overrides")]
pub async fn list_overrides(
    _staff: Staff,
    state: web::Data<AppState>,
    location_id: web::Path<i64>,
    query: web::Query<RangeQuery>,
) -> Result<web::Json<Vec<DayOverride>>, AppError> {
    let from = query.from.unwrap_or_else(|| state.clock.today());
    let to = query
        .to
        .or_else(|| from.checked_add_days(Days::new(366)))
        .unwrap_or(from);
    service::location_plan::overrides(&state.db, location_id.into_inner(), from, to)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}

/// Set one day's bands or close it (R7.4-ア): a weekday-night counter (平日夜間), a weekend
/// or holiday special opening (休日臨時開庁), or a closure. Refused with the affected
/// reservations if it would leave any without a seat.
#[utoipa::path(
    tag = tags::SCHEDULE,
    operation_id = "put_override",
    params(
        ("location_id" = i64, Path, description = "Location id", example = 1),
        ("date" = NaiveDate, Path, description = "The day", example = "2026-12-12")
    ),
    request_body(content = DayOverrideInput, example = json!({
        "closed": false,
        "label": "休日臨時開庁",
        "bands": [{"start": "09:00", "end": "09:30", "capacity": 4, "phone_quota": 0}]
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Set", body = DayOverride),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Would leave reservations without a seat (`slot_rule_conflict`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid bands", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/locations/{location_id}/overrides/{date}")]
pub async fn put_override(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    path: web::Path<(i64, NaiveDate)>,
    body: web::Json<DayOverrideInput>,
) -> Result<web::Json<DayOverride>, AppError> {
    let (location_id, date) = path.into_inner();
    service::schedule::put_override(
        &state.db,
        &state.settings_cache,
        location_id,
        date,
        body.into_inner(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}

/// Remove one day's override: the day follows the templates and the calendar again.
#[utoipa::path(
    tag = tags::SCHEDULE,
    operation_id = "delete_override",
    params(
        ("location_id" = i64, Path, description = "Location id", example = 1),
        ("date" = NaiveDate, Path, description = "The day", example = "2026-12-12")
    ),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No override that day", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Would leave reservations without a seat (`slot_rule_conflict`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/locations/{location_id}/overrides/{date}")]
pub async fn delete_override(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    path: web::Path<(i64, NaiveDate)>,
) -> Result<HttpResponse, AppError> {
    let (location_id, date) = path.into_inner();
    service::schedule::delete_override(
        &state.db,
        &state.settings_cache,
        location_id,
        date,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
