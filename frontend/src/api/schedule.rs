//! Slot settings of a location: weekly templates, day overrides, the booking window.

use chrono::NaiveDate;
use madoguchi_shared::dto::schedule::{
    BookingWindow, DayOverride, DayOverrideInput, WeeklyTemplate, WeeklyTemplateInput,
};

use super::{ApiError, staff};

/// The location's weekly templates.
pub async fn templates(location_id: i64) -> Result<Vec<WeeklyTemplate>, ApiError> {
    staff::get(&format!("/api/v1/locations/{location_id}/templates")).await
}

/// Adds a weekly template.
pub async fn create_template(
    location_id: i64,
    input: &WeeklyTemplateInput,
) -> Result<WeeklyTemplate, ApiError> {
    staff::post(&format!("/api/v1/locations/{location_id}/templates"), input).await
}

/// Replaces a weekly template.
pub async fn replace_template(
    id: i64,
    input: &WeeklyTemplateInput,
) -> Result<WeeklyTemplate, ApiError> {
    staff::put(&format!("/api/v1/templates/{id}"), input).await
}

/// Removes a weekly template.
pub async fn delete_template(id: i64) -> Result<(), ApiError> {
    staff::delete(&format!("/api/v1/templates/{id}")).await
}

/// The location's day overrides from `from` on.
pub async fn overrides_from(
    location_id: i64,
    from: NaiveDate,
) -> Result<Vec<DayOverride>, ApiError> {
    staff::get(&format!(
        "/api/v1/locations/{location_id}/overrides?from={from}"
    ))
    .await
}

/// Sets the override of one day.
pub async fn put_override(
    location_id: i64,
    date: NaiveDate,
    input: &DayOverrideInput,
) -> Result<DayOverride, ApiError> {
    staff::put(
        &format!("/api/v1/locations/{location_id}/overrides/{date}"),
        input,
    )
    .await
}

/// Removes the override of one day.
pub async fn delete_override(location_id: i64, date: NaiveDate) -> Result<(), ApiError> {
    staff::delete(&format!("/api/v1/locations/{location_id}/overrides/{date}")).await
}

/// The location's booking window.
pub async fn booking_window(location_id: i64) -> Result<BookingWindow, ApiError> {
    staff::get(&format!("/api/v1/locations/{location_id}/booking-window")).await
}

/// Sets the location's booking window.
pub async fn put_booking_window(
    location_id: i64,
    window: &BookingWindow,
) -> Result<BookingWindow, ApiError> {
    staff::put(
        &format!("/api/v1/locations/{location_id}/booking-window"),
        window,
    )
    .await
}
