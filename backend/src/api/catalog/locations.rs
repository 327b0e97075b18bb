//! `GET /api/v1/locations`

use actix_web::{get, web};
use madoguchi_shared::dto::catalog::Location;

use crate::api::tags;
use crate::error::AppError;
use crate::service;
use crate::startup::AppState;

/// The places where visits can be booked (本庁, 支所).
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "list_locations",
    responses((status = 200, description = "Active locations in display order", body = Vec<Location>))
)]
#[get("/locations")]
pub async fn list_locations(
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<Location>>, AppError> {
    service::catalog::active_locations(&state.db)
        .await
        .map(web::Json)
}
