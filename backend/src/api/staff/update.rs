//! `PATCH /api/v1/staff/{id}`

use actix_web::{patch, web};
use madoguchi_shared::dto::staff::{StaffAccount, UpdateStaffRequest};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityAdmin, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Rename an account, change its role, or disable / re-enable it; a disabled account's
/// tokens stop working at once. Nobody can change their own role or disable themselves.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "update_staff",
    params(("id" = i64, Path, description = "Account id", example = 2)),
    security(("bearer" = ["city_admin"])),
    request_body(content = UpdateStaffRequest, example = json!({"role": "call_center_supervisor"})),
    responses(
        (status = 200, description = "Changed", body = StaffAccount),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a city administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a change of one's own role", body = Problem, content_type = "application/problem+json")
    )
)]
#[patch("/staff/{id}")]
pub async fn update_staff(
    admin: Staff<CityAdmin>,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<UpdateStaffRequest>,
) -> Result<web::Json<StaffAccount>, AppError> {
    service::staff::update(
        &state.db,
        id.into_inner(),
        body.into_inner(),
        admin.id,
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
