//! `DELETE /api/v1/staff/{id}/two-factor`

use actix_web::{HttpResponse, delete, web};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityAdmin, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Turn a member's two-factor sign-in off (a lost phone and no recovery codes left): their
/// sessions end and they set it up again at the next sign-in. Needs a step-up in the last
/// five minutes.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "reset_staff_two_factor",
    params(("id" = i64, Path, description = "Account id", example = 2)),
    security(("bearer" = ["city_admin"])),
    responses(
        (status = 204, description = "Reset"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a city administrator (`forbidden`), or no recent step-up (`step_up_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/staff/{id}/two-factor")]
pub async fn reset_staff_two_factor(
    admin: Staff<CityAdmin>,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    service::auth::reset_two_factor(&state.db, admin.actor(), id.into_inner(), state.clock.now())
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
