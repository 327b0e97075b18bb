//! `POST /api/v1/staff`

use actix_web::{HttpResponse, post, web};
use madoguchi_shared::dto::staff::{CreateStaffRequest, StaffAccount};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityAdmin, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Create a staff account. Creating a city administrator needs a step-up in the last five
/// minutes (`POST /api/v1/auth/step-up`).
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "create_staff",
    security(("bearer" = ["city_admin"])),
    request_body(
        content = CreateStaffRequest,
        example = json!({
            "login_id": "operator01",
            "display_name": "山田 花子",
            "role": "operator",
            "password": "correct horse battery staple"
        })
    ),
    responses(
        (status = 201, description = "Created", body = StaffAccount),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a city administrator (`forbidden`), or an administrator created without a recent step-up (`step_up_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The login id is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The server is busy hashing passwords (`rate_limited`, `Retry-After`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/staff")]
pub async fn create_staff(
    state: web::Data<AppState>,
    admin: Staff<CityAdmin>,
    body: web::Json<CreateStaffRequest>,
) -> Result<HttpResponse, AppError> {
    let account = service::staff::create(
        &state.db,
        &state.hasher,
        body.into_inner(),
        Some(admin.id),
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(account))
}
