//! `/api/v1/locations/{location_id}/templates` and `/api/v1/templates/{template_id}`

use actix_web::{HttpResponse, delete, get, post, put, web};
use madoguchi_shared::dto::schedule::{WeeklyTemplate, WeeklyTemplateInput};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityStaff, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// A location's weekly templates, oldest first.
#[utoipa::path(
    tag = tags::SCHEDULE,
    operation_id = "list_templates",
    params(("location_id" = i64, Path, description = "Location id", example = 1)),
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The templates", body = Vec<WeeklyTemplate>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/locations/{location_id}/templates")]
pub async fn list_templates(
    _staff: Staff,
    state: web::Data<AppState>,
    location_id: web::Path<i64>,
) -> Result<web::Json<Vec<WeeklyTemplate>>, AppError> {
    service::location_plan::templates(&state.db, location_id.into_inner())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}

/// Add a weekly template: per weekday, the time bands and their seats (R7.4-ア). The
/// newest template in force on a day decides its bands. Refused with the affected
/// reservations if it would leave any without a seat.
#[utoipa::path(
    tag = tags::SCHEDULE,
    operation_id = "create_template",
    params(("location_id" = i64, Path, description = "Location id", example = 1)),
    request_body(content = WeeklyTemplateInput, example = json!({
        "name": "2027年度 通常",
        "valid_from": "2027-04-01",
        "valid_to": null,
        "days": [{"weekday": "mon", "bands": [{"start": "09:00", "end": "09:30", "capacity": 4, "phone_quota": 1}]}]
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 201, description = "Created", body = WeeklyTemplate),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Would leave reservations without a seat (`slot_rule_conflict`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid template", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/locations/{location_id}/templates")]
pub async fn create_template(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    location_id: web::Path<i64>,
    body: web::Json<WeeklyTemplateInput>,
) -> Result<HttpResponse, AppError> {
    let template = service::schedule::create_template(
        &state.db,
        &state.settings_cache,
        location_id.into_inner(),
        body.into_inner(),
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(template))
}

/// Replace a weekly template. Refused with the affected reservations if it would leave
/// any without a seat.
#[utoipa::path(
    tag = tags::SCHEDULE,
    operation_id = "replace_template",
    params(("template_id" = i64, Path, description = "Template id", example = 1)),
    request_body(content = WeeklyTemplateInput, example = json!({
        "name": "2026年度 通常",
        "valid_from": "2026-07-01",
        "valid_to": "2027-03-31",
        "days": [{"weekday": "tue", "bands": [{"start": "09:00", "end": "09:30", "capacity": 4, "phone_quota": 0}]}]
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Replaced", body = WeeklyTemplate),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such template", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Would leave reservations without a seat (`slot_rule_conflict`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid template", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/templates/{template_id}")]
pub async fn replace_template(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    template_id: web::Path<i64>,
    body: web::Json<WeeklyTemplateInput>,
) -> Result<web::Json<WeeklyTemplate>, AppError> {
    service::schedule::replace_template(
        &state.db,
        &state.settings_cache,
        template_id.into_inner(),
        body.into_inner(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}

/// Remove a weekly template. Refused with the affected reservations if it would leave
/// any without a seat.
#[utoipa::path(
    tag = tags::SCHEDULE,
    operation_id = "delete_template",
    params(("template_id" = i64, Path, description = "Template id", example = 1)),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such template", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Would leave reservations without a seat (`slot_rule_conflict`)", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/templates/{template_id}")]
pub async fn delete_template(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    template_id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    service::schedule::delete_template(
        &state.db,
        &state.settings_cache,
        template_id.into_inner(),
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
