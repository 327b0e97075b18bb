//! `GET /api/v1/reservations/day-sheet`

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use madoguchi_shared::dto::audit::AuditAction;
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::extract::Staff;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;
use crate::service::reservations::Search;

/// Which day where.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DaySheetQuery {
    /// Location id.
    #[param(example = 1)]
    location_id: i64,
    /// The day.
    #[param(example = "2026-12-01")]
    date: NaiveDate,
}

/// A print-friendly HTML sheet of a day's reservations at one location, by band, with a
/// box to tick when the party arrives.
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "get_day_sheet",
    params(DaySheetQuery),
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The sheet", content_type = "text/html"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/reservations/day-sheet")]
pub async fn get_day_sheet(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<DaySheetQuery>,
) -> Result<HttpResponse, AppError> {
    let location = service::location_plan::ensure_location(&state.db, query.location_id).await?;
    let search = Search {
        location_id: Some(query.location_id),
        from: Some(query.date),
        to: Some(query.date),
        limit: 1000,
        ..Default::default()
    };
    let read = service::audit::Read {
        actor: staff.actor(),
        action: AuditAction::ReservationDaySheet,
        target: None,
        filter: serde_json::json!({"location_id": query.location_id, "date": query.date}),
    };
    let reservations =
        service::reservations::search_recorded(&state.db, &search, read, state.clock.now()).await?;
    let html = service::exports::day_sheet_html(&location.name_ja, query.date, &reservations)?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html))
}
