//! `GET /api/v1/call-center/status`

use actix_web::{get, web};
use chrono::{DateTime, FixedOffset, Utc};
use madoguchi_shared::dto::call_center::CallCenterStatus;
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// The moment to ask about.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallCenterStatusQuery {
    /// An RFC 3339 instant; default: now. Lets the phone system ask about any moment.
    #[param(example = "2026-11-27T18:00:00+09:00")]
    at: Option<DateTime<FixedOffset>>,
}

/// Whether the call center answers now (Mon-Fri 08:30-17:00 Japan time, closed on national
/// holidays and Dec 29 - Jan 3; R4.3), the next opening, and the recorded out-of-hours
/// message in Japanese and English (R6.4).
#[utoipa::path(
    tag = tags::CALENDAR,
    operation_id = "get_call_center_status",
    params(CallCenterStatusQuery),
    responses(
        (status = 200, description = "The state at the moment asked", body = CallCenterStatus),
        (status = 400, description = "`at` is not an RFC 3339 instant", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/call-center/status")]
pub async fn get_call_center_status(
    state: web::Data<AppState>,
    query: web::Query<CallCenterStatusQuery>,
) -> Result<web::Json<CallCenterStatus>, AppError> {
    let at = query
        .at
        .map_or_else(|| state.clock.now(), |at| at.with_timezone(&Utc));
    Ok(web::Json(service::calendar::call_center_status(at)))
}
