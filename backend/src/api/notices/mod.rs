//! `/api/v1/notices`: notices and maintenance announcements (R7.5).

use actix_web::{HttpResponse, delete, get, post, put, web};
use madoguchi_shared::dto::notice::{Notice, NoticeInput};
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::extract::{Caller, CityStaff, Staff};
use crate::api::state::AppState;
use crate::api::tags;
use crate::auth::error::AccessError;
use crate::service;
use crate::service::actor::Actor;

/// Which notices.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoticeQuery {
    /// Also those not (or no longer) shown; staff only.
    #[serde(default)]
    include_unpublished: bool,
}

/// The notices shown on the citizen site now, announced maintenance first (R7.5).
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "list_notices",
    params(NoticeQuery),
    security((), ("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The notices", body = Vec<Notice>),
        (status = 401, description = "`include_unpublished` without a staff token, or a bad token", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/notices")]
pub async fn list_notices(
    Caller(actor): Caller,
    state: web::Data<AppState>,
    query: web::Query<NoticeQuery>,
) -> Result<web::Json<Vec<Notice>>, AppError> {
    if query.include_unpublished && actor == Actor::Citizen {
        return Err(
            AccessError::Unauthorized("Sign in as staff to see unpublished notices.").into(),
        );
    }
    service::notices::list(&state.db, state.clock.now(), query.include_unpublished)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}

/// Post a notice, or announce a maintenance window on the site in advance (R7.5).
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "create_notice",
    request_body(content = NoticeInput, example = json!({
        "kind": "maintenance",
        "title_ja": "システムメンテナンスのお知らせ",
        "title_en": "Planned maintenance",
        "body_ja": "この間はWeb予約をご利用いただけません。",
        "body_en": "Web booking is unavailable during this time.",
        "publish_from": "2026-12-01T00:00:00Z",
        "starts_at": "2026-12-13T13:00:00Z",
        "ends_at": "2026-12-13T15:00:00Z"
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 201, description = "Posted", body = Notice),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/notices")]
pub async fn create_notice(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    body: web::Json<NoticeInput>,
) -> Result<HttpResponse, AppError> {
    let notice =
        service::notices::save(&state.db, None, body.into_inner(), state.clock.now()).await?;
    Ok(HttpResponse::Created().json(notice))
}

/// Replace a notice.
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "replace_notice",
    params(("notice_id" = i64, Path, description = "Notice id", example = 1)),
    request_body(content = NoticeInput, example = json!({
        "kind": "notice",
        "title_ja": "年末年始の窓口について",
        "title_en": "The counter over the new year",
        "body_ja": "12月29日から1月3日までは閉庁します。",
        "body_en": "Closed from December 29 to January 3.",
        "publish_from": "2026-12-01T00:00:00Z"
    })),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Replaced", body = Notice),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such notice", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/notices/{notice_id}")]
pub async fn replace_notice(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    notice_id: web::Path<i64>,
    body: web::Json<NoticeInput>,
) -> Result<web::Json<Notice>, AppError> {
    service::notices::save(
        &state.db,
        Some(notice_id.into_inner()),
        body.into_inner(),
        state.clock.now(),
    )
    .await
    .map(web::Json)
    .map_err(AppError::from)
}

/// Remove a notice.
#[utoipa::path(
    tag = tags::CATALOG,
    operation_id = "delete_notice",
    params(("notice_id" = i64, Path, description = "Notice id", example = 1)),
    security(("bearer" = ["city_staff", "city_admin"])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not city staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such notice", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/notices/{notice_id}")]
pub async fn delete_notice(
    _staff: Staff<CityStaff>,
    state: web::Data<AppState>,
    notice_id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    service::notices::delete(&state.db, notice_id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
