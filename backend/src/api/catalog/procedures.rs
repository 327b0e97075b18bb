//! `GET /api/v1/procedures`

use actix_web::{get, web};
use madoguchi_shared::dto::catalog::Procedure;

use crate::api::tags;
use crate::error::AppError;
use crate::service;
use crate::startup::AppState;

/// The procedures citizens can book (R5.1), with what to bring (持参物) and notes
/// (留意事項) for each (R5.4).
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "list_procedures",
    responses((status = 200, description = "Active procedures in display order", body = Vec<Procedure>))
)]
#[get("/procedures")]
pub async fn list_procedures(
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<Procedure>>, AppError> {
    service::catalog::active_procedures(&state.db)
        .await
        .map(web::Json)
}
