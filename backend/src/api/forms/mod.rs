//! The booking form's contact fields (R7.4-ケ).

use actix_web::{get, put, web};
use madoguchi_shared::dto::form::FormField;
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::{CityStaff, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// The contact fields of the booking form, in order, with how each is checked.
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "list_form_fields",
    responses((status = 200, description = "The fields", body = Vec<FormField>))
)]
#[get("/form-fields")]
pub async fn list_form_fields(
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<FormField>>, AppError> {
    service::form_fields::active_fields(&state.db)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}

/// Replace the booking form: these fields, in this order (R7.4-ケ).
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "replace_form_fields",
    request_body(content = Vec<FormField>, example = json!([
        {"key": "name", "label_ja": "氏名", "label_en": "Name", "kind": "text", "required": true},
        {"key": "phone", "label_ja": "電話番号", "label_en": "Phone number", "kind": "phone", "required": true}
    ])),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The new form", body = Vec<FormField>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/form-fields")]
pub async fn replace_form_fields(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    body: web::Json<Vec<FormField>>,
) -> Result<web::Json<Vec<FormField>>, AppError> {
    service::forms::replace_fields(&state.db, &state.settings_cache, body.into_inner())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
