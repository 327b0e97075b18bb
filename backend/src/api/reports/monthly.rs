//! `GET /api/v1/reports/monthly`

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use madoguchi_shared::dto::report::{Report, ReportPeriod};
use madoguchi_shared::error::{FieldErrorCode, Problem};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{ReportFormat, load, respond};
use crate::api::downloads::BinaryFile;
use crate::api::error::AppError;
use crate::api::extract::{Staff, Supervisors};
use crate::api::state::AppState;
use crate::api::tags;

/// Which month, where, in which format.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthlyReportQuery {
    /// The month, `YYYY-MM`.
    #[param(example = "2026-12")]
    month: String,
    /// One location; every active location when omitted.
    location_id: Option<i64>,
    /// `json` (default), `csv` or `xlsx`.
    #[param(inline)]
    #[serde(default)]
    format: ReportFormat,
    /// The figures as the monthly job generated them on the 1st, instead of now.
    #[serde(default)]
    as_generated: bool,
}

/// The monthly report (R9.2): the daily figures for every day of the month with totals,
/// people by procedure, inquiries by category and the call center's answer rate.
#[utoipa::path(
    tag = tags::REPORTS,
    operation_id = "get_monthly_report",
    params(MonthlyReportQuery),
    security(("bearer" = ["call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The report, or the file", content(
            (Report = "application/json"),
            (String = "text/csv"),
            (BinaryFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location, or not generated yet", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad month", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/reports/monthly")]
pub async fn get_monthly_report(
    _staff: Staff<Supervisors>,
    state: web::Data<AppState>,
    query: web::Query<MonthlyReportQuery>,
) -> Result<HttpResponse, AppError> {
    let first =
        NaiveDate::parse_from_str(&format!("{}-01", query.month), "%Y-%m-%d").map_err(|_| {
            AppError::invalid_field("month", FieldErrorCode::InvalidFormat, "use YYYY-MM")
        })?;
    let report = load(
        &state,
        ReportPeriod::Monthly,
        first,
        query.location_id,
        query.as_generated,
    )
    .await?;
    respond(&report, query.format)
}
