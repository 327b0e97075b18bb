//! Daily and monthly reports (R9) and the call-record import (R4.5).

pub mod call_records;
pub mod daily;
pub mod monthly;

use actix_web::HttpResponse;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use chrono::NaiveDate;
use madoguchi_shared::dto::report::{Report, ReportPeriod};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::error::AppError;
use crate::api::state::AppState;
use crate::service;

/// How to answer with a report.
#[derive(Clone, Copy, Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// The `Report` document.
    #[default]
    Json,
    /// CSV, UTF-8 with BOM: figures per location and day, calls per day, then inquiries by
    /// category and people by procedure, each block with its header.
    Csv,
    /// Excel workbook with the sheets 予約, 入電 and 内訳.
    Xlsx,
}

/// The report of the period holding `day`: computed now, or as the job generated it.
async fn load(
    state: &AppState,
    period: ReportPeriod,
    day: NaiveDate,
    location_id: Option<i64>,
    as_generated: bool,
) -> Result<Report, AppError> {
    if as_generated {
        service::reports::snapshot(&state.db, period, day)
            .await
            .map_err(AppError::from)
    } else {
        service::reports::compute(&state.db, period, day, location_id, state.clock.now())
            .await
            .map_err(AppError::from)
    }
}

/// Answers with the report in the asked format; files are named after the period.
fn respond(report: &Report, format: ReportFormat) -> Result<HttpResponse, AppError> {
    let name = match report.period {
        ReportPeriod::Daily => format!("daily-report-{}", report.from),
        ReportPeriod::Monthly => format!("monthly-report-{}", report.from.format("%Y-%m")),
    };
    let (body, content_type, extension) = match format {
        ReportFormat::Json => return Ok(HttpResponse::Ok().json(report)),
        ReportFormat::Csv => (
            service::reports::csv(report)?.into_bytes(),
            "text/csv; charset=utf-8",
            "csv",
        ),
        ReportFormat::Xlsx => (
            service::reports::xlsx(report)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!("{name}.{extension}"))],
        })
        .body(body))
}
