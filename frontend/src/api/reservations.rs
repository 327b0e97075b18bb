//! The reservation calls of the operator pages (phone booking, search, lists, history),
//! all with the signed-in member's token so the server acts for the call center or the city.

use chrono::{NaiveDate, NaiveTime};
use madoguchi_shared::dto::availability::{DayAvailability, MonthAvailability};
use madoguchi_shared::dto::history::HistoryEntry;
use madoguchi_shared::dto::reservation::{
    AttendanceRequest, ChangeSlotRequest, CreateReservationRequest, PartyMemberInput, Reservation,
    ReservationWithAccess,
};

use crate::api::{ApiError, staff};
use crate::session;

/// `GET /api/v1/locations/{id}/availability?month=`: seats for the phone channel.
pub async fn month_availability(
    location_id: i64,
    month: NaiveDate,
    party_size: usize,
) -> Result<MonthAvailability, ApiError> {
    staff::get(&format!(
        "/api/v1/locations/{location_id}/availability?month={}&party_size={party_size}",
        month.format("%Y-%m")
    ))
    .await
}

/// `GET /api/v1/locations/{id}/availability/{date}`: one day's bands for the phone channel.
pub async fn day_availability(
    location_id: i64,
    date: NaiveDate,
    party_size: usize,
) -> Result<DayAvailability, ApiError> {
    staff::get(&format!(
        "/api/v1/locations/{location_id}/availability/{date}?party_size={party_size}"
    ))
    .await
}

/// `POST /api/v1/reservations` as the operator, with an `Idempotency-Key` so that a retry
/// after a lost answer never books twice.
pub async fn create_reservation(
    request: &CreateReservationRequest,
    idempotency_key: &str,
) -> Result<ReservationWithAccess, ApiError> {
    staff::post_once("/api/v1/reservations", idempotency_key, request).await
}

/// `GET /api/v1/reservations?{query}`
pub async fn search(query: &str) -> Result<Vec<Reservation>, ApiError> {
    staff::get(&format!("/api/v1/reservations?{query}")).await
}

/// `GET /api/v1/reservations/{number}`
pub async fn get(number: &str) -> Result<Reservation, ApiError> {
    staff::get(&format!("/api/v1/reservations/{number}")).await
}

/// `POST /api/v1/reservations/{number}/change`
pub async fn change(
    number: &str,
    date: NaiveDate,
    start: NaiveTime,
) -> Result<Reservation, ApiError> {
    staff::post(
        &format!("/api/v1/reservations/{number}/change"),
        &ChangeSlotRequest { date, start },
    )
    .await
}

/// `POST /api/v1/reservations/{number}/cancel`
pub async fn cancel(number: &str) -> Result<Reservation, ApiError> {
    staff::post_empty(&format!("/api/v1/reservations/{number}/cancel")).await
}

/// `POST /api/v1/reservations/{number}/members`
pub async fn add_member(number: &str, member: &PartyMemberInput) -> Result<Reservation, ApiError> {
    staff::post(&format!("/api/v1/reservations/{number}/members"), member).await
}

/// `DELETE /api/v1/reservations/{number}/members/{id}`
pub async fn remove_member(number: &str, member_id: i64) -> Result<Reservation, ApiError> {
    staff::delete_returning(&format!(
        "/api/v1/reservations/{number}/members/{member_id}"
    ))
    .await
}

/// `POST /api/v1/reservations/{number}/attendance` (city staff only).
pub async fn record_attendance(number: &str, came: bool) -> Result<Reservation, ApiError> {
    staff::post(
        &format!("/api/v1/reservations/{number}/attendance"),
        &AttendanceRequest { came },
    )
    .await
}

/// `GET /api/v1/reservations/{number}/history`
pub async fn reservation_history(number: &str) -> Result<Vec<HistoryEntry>, ApiError> {
    staff::get(&format!("/api/v1/reservations/{number}/history")).await
}

/// `GET /api/v1/history?{query}`
pub async fn history(query: &str) -> Result<Vec<HistoryEntry>, ApiError> {
    staff::get(&format!("/api/v1/history?{query}")).await
}

/// A query string from name/value pairs, leaving out empty values.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| format!("{name}={}", session::encode_component(value.trim())))
        .collect::<Vec<_>>()
        .join("&")
}

/// The reservations matching `filters` as a file (`format` among them: `csv` or `xlsx`).
pub fn export_path(filters: &[(&str, String)]) -> String {
    format!("/api/v1/reservations/export?{}", query_string(filters))
}

/// The printable day sheet of one location and day.
pub fn day_sheet_path(location_id: i64, date: &str) -> String {
    format!(
        "/api/v1/reservations/day-sheet?{}",
        query_string(&[
            ("location_id", location_id.to_string()),
            ("date", date.to_owned())
        ])
    )
}
