//! `GET /api/v1/reports/daily`

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use madoguchi_shared::dto::report::{Report, ReportPeriod};
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{ReportFormat, load, respond};
use crate::api::downloads::BinaryFile;
use crate::api::error::AppError;
use crate::api::extract::{Staff, Supervisors};
use crate::api::state::AppState;
use crate::api::tags;

/// Which day, where, in which format.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DailyReportQuery {
    /// The day (Japan time).
    #[param(example = "2026-12-01")]
    date: NaiveDate,
    /// One location; every active location when omitted.
    location_id: Option<i64>,
    /// `json` (default), `csv` or `xlsx`.
    #[param(inline)]
    #[serde(default)]
    format: ReportFormat,
    /// The figures as the daily job generated them after closing, instead of now.
    #[serde(default)]
    as_generated: bool,
}

/// The daily report (R9.1): per location, reservations made by channel, changes,
/// cancellations, people booked, visits, no-shows and seat utilisation; inquiries by
/// category; calls offered and answered with the answer rate against 80 % (R4.5).
#[utoipa::path(
    tag = tags::REPORTS,
    operation_id = "get_daily_report",
    params(DailyReportQuery),
    security(("bearer" = ["call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The report, or the file", content(
            (Report = "application/json"),
            (String = "text/csv"),
            (BinaryFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location, or not generated yet", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/reports/daily")]
pub async fn get_daily_report(
    _staff: Staff<Supervisors>,
    state: web::Data<AppState>,
    query: web::Query<DailyReportQuery>,
) -> Result<HttpResponse, AppError> {
    let report = load(
        &state,
        ReportPeriod::Daily,
        query.date,
        query.location_id,
        query.as_generated,
    )
    .await?;
    respond(&report, query.format)
}
