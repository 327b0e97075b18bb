//! `GET /api/v1/jobs/runs`: what the scheduled jobs did.

use actix_web::{get, web};
use madoguchi_shared::dto::jobs::JobRun;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityStaff, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::jobs;

/// The latest 200 runs of the scheduled jobs (reminders, reports, purges), newest first.
#[utoipa::path(
    tag = tags::HISTORY,
    operation_id = "list_job_runs",
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The runs", body = Vec<JobRun>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/jobs/runs")]
pub async fn list_job_runs(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<JobRun>>, AppError> {
    jobs::recent_runs(&state.db, 200)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
