//! `/api/v1/procedures`

use actix_web::{HttpResponse, get, post, put, web};
use madoguchi_shared::dto::catalog::{Procedure, ProcedureInput};
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::extract::{CityStaff, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Whether to list inactive entries too.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Include entries the city switched off (for the staff console).
    #[serde(default)]
    include_inactive: bool,
}

impl ListQuery {
    /// Whether switched-off entries are wanted.
    pub fn include_inactive(&self) -> bool {
        self.include_inactive
    }
}

/// The procedures citizens can book (R5.1), with what to bring (持参物) and notes
/// (留意事項) for each (R5.4).
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "list_procedures",
    params(ListQuery),
    responses((status = 200, description = "Procedures in display order", body = Vec<Procedure>))
)]
#[get("/procedures")]
pub async fn list_procedures(
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Vec<Procedure>>, AppError> {
    service::catalog::procedures(&state.db, query.include_inactive())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}

/// Add a procedure (R7.4-キ).
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "create_procedure",
    request_body(content = ProcedureInput, example = json!({
        "code": "certificate_renewal_evening",
        "name_ja": "電子証明書の更新（夜間）",
        "name_en": "E-certificate renewal (evening)",
        "what_to_bring_ja": "マイナンバーカード",
        "what_to_bring_en": "Your My Number Card",
        "notes_ja": "4桁の暗証番号が必要です。",
        "notes_en": "You need your 4-digit PIN.",
        "units_per_person": 1,
        "active": true,
        "sort_order": 60
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 201, description = "Created", body = Procedure),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/procedures")]
pub async fn create_procedure(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    body: web::Json<ProcedureInput>,
) -> Result<HttpResponse, AppError> {
    let created = service::catalog::save_procedure(
        &state.db,
        &state.settings_cache,
        None,
        body.into_inner(),
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Replace a procedure's names, texts, seats per person, order, or switch it off.
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "replace_procedure",
    params(("procedure_id" = i64, Path, description = "Procedure id", example = 1)),
    request_body(content = ProcedureInput, example = json!({
        "code": "card_pickup",
        "name_ja": "カードの受取り",
        "name_en": "Card pickup",
        "what_to_bring_ja": "交付通知書、本人確認書類",
        "what_to_bring_en": "The card issuance notice and photo ID",
        "notes_ja": "必ずご本人がお越しください。",
        "notes_en": "The card holder must come in person.",
        "units_per_person": 1,
        "active": true,
        "sort_order": 10
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Replaced", body = Procedure),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such procedure", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/procedures/{procedure_id}")]
pub async fn replace_procedure(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    procedure_id: web::Path<i64>,
    body: web::Json<ProcedureInput>,
) -> Result<web::Json<Procedure>, AppError> {
    service::catalog::save_procedure(
        &state.db,
        &state.settings_cache,
        Some(procedure_id.into_inner()),
        body.into_inner(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}
