//! `/api/v1/locations`

use actix_web::{HttpResponse, get, post, put, web};
use madoguchi_shared::dto::catalog::{Location, LocationInput};
use madoguchi_shared::error::Problem;

use super::procedures::ListQuery;
use crate::api::error::AppError;
use crate::api::extract::{CityStaff, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// The places where visits can be booked (本庁, 支所).
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "list_locations",
    params(ListQuery),
    responses((status = 200, description = "Locations in display order", body = Vec<Location>))
)]
#[get("/locations")]
pub async fn list_locations(
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Vec<Location>>, AppError> {
    service::catalog::locations(&state.db, query.include_inactive())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}

/// Add a location.
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "create_location",
    request_body(content = LocationInput, example = json!({
        "code": "jigozen_office",
        "name_ja": "地御前出張所",
        "name_en": "Jigozen Office",
        "address_ja": "広島県廿日市市地御前",
        "active": true,
        "sort_order": 60
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 201, description = "Created", body = Location),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/locations")]
pub async fn create_location(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    body: web::Json<LocationInput>,
) -> Result<HttpResponse, AppError> {
    let created = service::catalog::save_location(
        &state.db,
        &state.settings_cache,
        None,
        body.into_inner(),
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Replace a location's names, address, order, or switch it off.
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "replace_location",
    params(("location_id" = i64, Path, description = "Location id", example = 2)),
    request_body(content = LocationInput, example = json!({
        "code": "ono_branch",
        "name_ja": "大野支所",
        "name_en": "Ono Branch Office",
        "address_ja": "広島県廿日市市大野",
        "active": true,
        "sort_order": 20
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Replaced", body = Location),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/locations/{location_id}")]
pub async fn replace_location(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    location_id: web::Path<i64>,
    body: web::Json<LocationInput>,
) -> Result<web::Json<Location>, AppError> {
    service::catalog::save_location(
        &state.db,
        &state.settings_cache,
        Some(location_id.into_inner()),
        body.into_inner(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
