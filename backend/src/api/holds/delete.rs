//! `DELETE /api/v1/holds/{hold_id}`

use actix_web::{HttpResponse, delete, web};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Give held seats back early (the citizen went back or picked another band). The hold id
/// itself is the capability: it is random and known only to whoever took the hold.
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "delete_hold",
    params(("hold_id" = String, Path, description = "The hold's id")),
    responses(
        (status = 204, description = "Released"),
        (status = 404, description = "No such hold (expired or used)", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/holds/{hold_id}")]
pub async fn delete_hold(
    state: web::Data<AppState>,
    hold_id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    service::booking::release_hold(&state.db, &hold_id).await?;
    Ok(HttpResponse::NoContent().finish())
}
