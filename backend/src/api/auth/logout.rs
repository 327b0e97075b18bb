//! `POST /api/v1/auth/logout`

use actix_web::{HttpResponse, post, web};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::SignedIn;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Sign out: every session of the account ends, on every device, not only this token.
#[utoipa::path(
    tag = tags::AUTH,
    operation_id = "logout",
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 204, description = "Signed out everywhere"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/logout")]
pub async fn logout(staff: SignedIn, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    service::auth::logout(
        &state.db,
        staff.actor(),
        staff.account.id,
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
