//! `GET /api/v1/calendar`

use actix_web::{get, web};
use chrono::{Days, NaiveDate};
use madoguchi_shared::dto::calendar::CalendarDay;
use madoguchi_shared::error::{FieldErrorCode, Problem};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// The range of days to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// First day (Japan time), `YYYY-MM-DD`. Default: today.
    #[param(example = "2026-11-01")]
    from: Option<NaiveDate>,
    /// Last day, included. Default: 30 days after `from`. At most 400 days after `from`.
    #[param(example = "2026-11-30")]
    to: Option<NaiveDate>,
}

/// Office days, national holidays (祝日, 振替休日, 国民の休日) and the year-end closure
/// (Dec 29 - Jan 3) for a range of days (R4.3).
#[utoipa::path(
    tag = tags::CALENDAR,
    operation_id = "list_calendar_days",
    params(CalendarQuery),
    responses(
        (status = 200, description = "One entry per day", body = Vec<CalendarDay>),
        (status = 400, description = "A date is not `YYYY-MM-DD`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`to` before `from`, or the range is too long", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/calendar")]
pub async fn list_calendar_days(
    state: web::Data<AppState>,
    query: web::Query<CalendarQuery>,
) -> Result<web::Json<Vec<CalendarDay>>, AppError> {
    let from = query.from.unwrap_or_else(|| state.clock.today());
    let to = match query.to {
        Some(to) => to,
        None => from.checked_add_days(Days::new(30)).ok_or_else(|| {
            AppError::invalid_field(
                "from",
                FieldErrorCode::OutOfRange,
                "is too far in the future",
            )
        })?,
    };
    service::calendar::business_days(from, to)
        .map(web::Json)
        .map_err(AppError::from)
}
