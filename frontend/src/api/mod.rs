//! Calls to the REST API, typed with the DTOs of `madoguchi-shared`. One function per
//! endpoint the SPA uses.

pub mod accounts;
pub mod catalog;
pub mod contract_end;
pub mod inquiries;
pub mod notices;
pub mod reports;
pub mod reservations;
pub mod schedule;
pub mod staff;

use chrono::NaiveDate;
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::{Owner, on_cleanup};
use madoguchi_shared::dto::availability::{DayAvailability, MonthAvailability};
use madoguchi_shared::dto::call_center::CallCenterStatus;
use madoguchi_shared::dto::catalog::{Location, Procedure};
use madoguchi_shared::dto::form::FormField;
use madoguchi_shared::dto::reservation::{
    ChangeSlotRequest, CreateReservationRequest, Hold, HoldRequest, LookupRequest,
    PartyMemberInput, Reservation, ReservationWithAccess,
};
use madoguchi_shared::error::{ErrorCode, Problem};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why a call failed: the server's problem, or no usable answer at all.
#[derive(Clone, Debug)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem(Problem),
    /// The network failed or the answer was not understood.
    Network(String),
}

impl ApiError {
    /// The stable code to show a message for.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Problem(problem) => problem.code,
            ApiError::Network(_) => ErrorCode::ServiceUnavailable,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Problem(problem) => write!(f, "{} ({:?})", problem.title, problem.code),
            ApiError::Network(reason) => write!(f, "network: {reason}"),
        }
    }
}

/// The one reading of a refusal: the server's problem document, or, when the body is not
/// one (a proxy's error page), a network failure.
pub(crate) async fn problem_of(response: Response) -> ApiError {
    match response.json::<Problem>().await {
        Ok(problem) => ApiError::Problem(problem),
        Err(error) => ApiError::Network(error.to_string()),
    }
}

/// A read that is aborted when the component that asked for it goes away (a page left
/// before its data came), so no answer lands in a view that is gone. Writes are never
/// aborted: a change the member asked for goes through, whatever they look at meanwhile.
pub(crate) fn abortable(request: RequestBuilder) -> RequestBuilder {
    let Some(controller) = web_sys::AbortController::new().ok() else {
        return request;
    };
    let request = request.abort_signal(Some(&controller.signal()));
    if Owner::current().is_some() {
        on_cleanup(move || controller.abort());
    }
    request
}

async fn read<T: DeserializeOwned>(
    response: Result<Response, gloo_net::Error>,
) -> Result<T, ApiError> {
    let response = response.map_err(|error| ApiError::Network(error.to_string()))?;
    if response.ok() {
        response
            .json()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))
    } else {
        Err(problem_of(response).await)
    }
}

fn with_token(request: RequestBuilder, token: Option<&str>) -> RequestBuilder {
    match token {
        Some(token) => request.header("Authorization", &format!("Bearer {token}")),
        None => request,
    }
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    let request = request
        .json(body)
        .map_err(|error| ApiError::Network(error.to_string()))?;
    read(request.send().await).await
}

/// `GET /api/v1/time`
pub async fn get_server_time() -> Result<madoguchi_shared::dto::calendar::ServerTime, ApiError> {
    read(abortable(Request::get("/api/v1/time")).send().await).await
}

/// `GET /api/v1/procedures`
pub async fn list_procedures() -> Result<Vec<Procedure>, ApiError> {
    read(abortable(Request::get("/api/v1/procedures")).send().await).await
}

/// `GET /api/v1/locations`
pub async fn list_locations() -> Result<Vec<Location>, ApiError> {
    read(abortable(Request::get("/api/v1/locations")).send().await).await
}

/// `GET /api/v1/notices`
pub async fn list_notices() -> Result<Vec<madoguchi_shared::dto::notice::Notice>, ApiError> {
    read(abortable(Request::get("/api/v1/notices")).send().await).await
}

/// `GET /api/v1/form-fields`
pub async fn list_form_fields() -> Result<Vec<FormField>, ApiError> {
    read(abortable(Request::get("/api/v1/form-fields")).send().await).await
}

/// `GET /api/v1/call-center/status`
pub async fn get_call_center_status() -> Result<CallCenterStatus, ApiError> {
    read(
        abortable(Request::get("/api/v1/call-center/status"))
            .send()
            .await,
    )
    .await
}

/// `GET /api/v1/locations/{id}/availability?month=`
pub async fn month_availability(
    location_id: i64,
    month: NaiveDate,
    party_size: usize,
) -> Result<MonthAvailability, ApiError> {
    let url = format!(
        "/api/v1/locations/{location_id}/availability?month={}&party_size={party_size}",
        month.format("%Y-%m")
    );
    read(abortable(Request::get(&url)).send().await).await
}

/// `GET /api/v1/locations/{id}/availability/{date}`
pub async fn day_availability(
    location_id: i64,
    date: NaiveDate,
    party_size: usize,
) -> Result<DayAvailability, ApiError> {
    let url =
        format!("/api/v1/locations/{location_id}/availability/{date}?party_size={party_size}");
    read(abortable(Request::get(&url)).send().await).await
}

/// `POST /api/v1/holds`
pub async fn create_hold(request: &HoldRequest) -> Result<Hold, ApiError> {
    send_json(Request::post("/api/v1/holds"), request).await
}

/// `DELETE /api/v1/holds/{id}`; a hold already gone is fine.
pub async fn release_hold(hold_id: &str) {
    let _ = Request::delete(&format!("/api/v1/holds/{hold_id}"))
        .send()
        .await;
}

/// `POST /api/v1/reservations` with an `Idempotency-Key`.
pub async fn create_reservation(
    request: &CreateReservationRequest,
    idempotency_key: &str,
) -> Result<ReservationWithAccess, ApiError> {
    send_json(
        Request::post("/api/v1/reservations").header("Idempotency-Key", idempotency_key),
        request,
    )
    .await
}

/// `POST /api/v1/reservations/lookup`
pub async fn lookup_reservation(
    request: &LookupRequest,
) -> Result<ReservationWithAccess, ApiError> {
    send_json(Request::post("/api/v1/reservations/lookup"), request).await
}

/// `GET /api/v1/reservations/{number}`
pub async fn get_reservation(number: &str, token: &str) -> Result<Reservation, ApiError> {
    read(
        with_token(
            abortable(Request::get(&format!("/api/v1/reservations/{number}"))),
            Some(token),
        )
        .send()
        .await,
    )
    .await
}

/// `POST /api/v1/reservations/{number}/change`
pub async fn change_reservation(
    number: &str,
    token: &str,
    request: &ChangeSlotRequest,
) -> Result<Reservation, ApiError> {
    send_json(
        with_token(
            Request::post(&format!("/api/v1/reservations/{number}/change")),
            Some(token),
        ),
        request,
    )
    .await
}

/// `POST /api/v1/reservations/{number}/cancel`
pub async fn cancel_reservation(number: &str, token: &str) -> Result<Reservation, ApiError> {
    read(
        with_token(
            Request::post(&format!("/api/v1/reservations/{number}/cancel")),
            Some(token),
        )
        .send()
        .await,
    )
    .await
}

/// `POST /api/v1/reservations/{number}/members`
pub async fn add_member(
    number: &str,
    token: &str,
    member: &PartyMemberInput,
) -> Result<Reservation, ApiError> {
    send_json(
        with_token(
            Request::post(&format!("/api/v1/reservations/{number}/members")),
            Some(token),
        ),
        member,
    )
    .await
}

/// `DELETE /api/v1/reservations/{number}/members/{id}`
pub async fn remove_member(
    number: &str,
    token: &str,
    member_id: i64,
) -> Result<Reservation, ApiError> {
    let url = format!("/api/v1/reservations/{number}/members/{member_id}");
    read(with_token(Request::delete(&url), Some(token)).send().await).await
}
