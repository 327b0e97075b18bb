//! `/api/v1/locations/{location_id}/booking-window`

use actix_web::{get, put, web};
use madoguchi_shared::dto::schedule::BookingWindow;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityStaff, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// When citizens may book at a location, the △ threshold, hold minutes, phone-quota
/// release and the largest party.
#[utoipa::path(
    tag = tags::SCHEDULE,
    operation_id = "get_booking_window",
    params(("location_id" = i64, Path, description = "Location id", example = 1)),
    responses(
        (status = 200, description = "The window", body = BookingWindow),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/locations/{location_id}/booking-window")]
pub async fn get_booking_window(
    state: web::Data<AppState>,
    location_id: web::Path<i64>,
) -> Result<web::Json<BookingWindow>, AppError> {
    let location_id = location_id.into_inner();
    service::location_plan::ensure_location(&state.db, location_id).await?;
    service::location_plan::booking_window(&state.db, location_id)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}

/// Set a location's booking window.
#[utoipa::path(
    tag = tags::SCHEDULE,
    operation_id = "put_booking_window",
    params(("location_id" = i64, Path, description = "Location id", example = 1)),
    request_body(content = BookingWindow, example = json!({
        "opens_days_ahead": 60,
        "closes_days_before": 2,
        "closes_at": "17:00",
        "few_threshold": {"seats": 2, "percent": 0},
        "hold_minutes": 10,
        "phone_quota_release_hours": 48,
        "max_party_size": 5
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Set", body = BookingWindow),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Out of range", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/locations/{location_id}/booking-window")]
pub async fn put_booking_window(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    location_id: web::Path<i64>,
    body: web::Json<BookingWindow>,
) -> Result<web::Json<BookingWindow>, AppError> {
    service::schedule::set_booking_window(
        &state.db,
        &state.settings_cache,
        location_id.into_inner(),
        body.into_inner(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
