//! `GET /api/v1/history`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use madoguchi_shared::dto::history::HistoryEntry;
use madoguchi_shared::dto::reservation::ActorKind;
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

use madoguchi_shared::dto::audit::AuditAction;

use crate::api::error::AppError;
use crate::api::extract::Staff;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;
use crate::service::reservations::HistoryFilter;

/// Filters of the history.
#[derive(Debug, Deserialize, serde::Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// From this instant (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Until this instant.
    to: Option<DateTime<Utc>>,
    /// Only changes by citizens, the call center, or the city.
    actor_kind: Option<ActorKind>,
    /// Most rows (default 200, at most 1000).
    limit: Option<u64>,
}

/// Creations, changes, cancellations and member changes of all reservations, newest
/// first, each with who made it: citizen, call center or city (R7.4-エ).
#[utoipa::path(
    tag = tags::HISTORY,
    operation_id = "list_history",
    params(HistoryQuery),
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "History entries", body = Vec<HistoryEntry>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/history")]
pub async fn list_history(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<HistoryQuery>,
) -> Result<web::Json<Vec<HistoryEntry>>, AppError> {
    let filter = HistoryFilter {
        reservation_id: None,
        from: query.from,
        to: query.to,
        actor_kind: query.actor_kind,
        limit: query.limit.unwrap_or(200),
    };
    let read = service::audit::Read {
        actor: staff.actor(),
        action: AuditAction::HistoryView,
        target: None,
        filter: serde_json::to_value(&*query).unwrap_or_default(),
    };
    service::reservations::history_recorded(&state.db, &filter, read, state.clock.now())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
