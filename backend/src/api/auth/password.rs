//! `POST /api/v1/auth/password`

use actix_web::{HttpResponse, post, web};
use madoguchi_shared::dto::auth::ChangePasswordRequest;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::Staff;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Change one's own password, e.g. the temporary one from a reset. A wrong current password
/// is a 422 on `current_password`, so the member's session goes on. A right one ends every
/// session of the account, this one included: sign in again with the new password.
#[utoipa::path(
    tag = tags::AUTH,
    operation_id = "change_own_password",
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    request_body(content = ChangePasswordRequest, example = json!({
        "current_password": "Tmp4kR9xQ2mZp7Lw",
        "new_password": "correct horse battery staple"
    })),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong current password, or a weak new one", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many password checks for this account in 15 minutes, or the server is busy hashing (`rate_limited`, `Retry-After`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/password")]
pub async fn change_own_password(
    staff: Staff,
    state: web::Data<AppState>,
    body: web::Json<ChangePasswordRequest>,
) -> Result<HttpResponse, AppError> {
    service::staff::change_own_password(
        &state.db,
        &state.hasher,
        staff.actor(),
        staff.id,
        body.into_inner(),
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
