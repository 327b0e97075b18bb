//! `GET /api/v1/staff`

use actix_web::{get, web};
use madoguchi_shared::dto::staff::StaffAccount;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityAdmin, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Every staff account.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "list_staff",
    security(("bearer" = ["city_admin"])),
    responses(
        (status = 200, description = "The accounts, by login id", body = Vec<StaffAccount>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a city administrator", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/staff")]
pub async fn list_staff(
    state: web::Data<AppState>,
    _admin: Staff<CityAdmin>,
) -> Result<web::Json<Vec<StaffAccount>>, AppError> {
    service::staff::list(&state.db)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
