//! `GET /api/v1/reservations`

use actix_web::{get, web};
use chrono::{NaiveDate, NaiveTime};
use madoguchi_shared::dto::audit::AuditAction;
use madoguchi_shared::dto::reservation::{Channel, Reservation, ReservationStatus};
use madoguchi_shared::error::{FieldErrorCode, Problem};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::extract::Staff;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;
use crate::service::actor::Actor;
use crate::service::audit;
use crate::service::reservations::Search;

/// Filters; every one given must match.
#[derive(Debug, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReservationFilter {
    /// Reservation number.
    #[param(example = "ACK7-9WXY")]
    pub number: Option<String>,
    /// Part of the applicant's name.
    pub name: Option<String>,
    /// Part of the applicant's name in kana.
    pub kana: Option<String>,
    /// Phone number, any format.
    #[param(example = "090-1234-5678")]
    pub phone: Option<String>,
    /// Location id.
    pub location_id: Option<i64>,
    /// A single day (sets `from` and `to`).
    pub date: Option<NaiveDate>,
    /// First day.
    pub from: Option<NaiveDate>,
    /// Last day.
    pub to: Option<NaiveDate>,
    /// Band start, `HH:MM`.
    #[param(value_type = Option<String>, example = "09:00")]
    pub start: Option<String>,
    /// Status.
    pub status: Option<ReservationStatus>,
    /// Channel.
    pub channel: Option<Channel>,
    /// A member's procedure.
    pub procedure_id: Option<i64>,
    /// Most rows (default 200, at most 1000).
    pub limit: Option<u64>,
}

impl ReservationFilter {
    /// The audit record of a read with these filters.
    pub fn audited(&self, actor: Actor, action: AuditAction) -> audit::Read {
        audit::Read {
            actor,
            action,
            target: None,
            filter: serde_json::to_value(self).unwrap_or_default(),
        }
    }

    /// The service's search for these filters.
    pub fn to_search(&self) -> Result<Search, AppError> {
        let start = self
            .start
            .as_deref()
            .map(|start| {
                NaiveTime::parse_from_str(start, "%H:%M").map_err(|_| {
                    AppError::invalid_field("start", FieldErrorCode::InvalidFormat, "use HH:MM")
                })
            })
            .transpose()?;
        Ok(Search {
            number: self.number.clone(),
            name: self.name.clone(),
            kana: self.kana.clone(),
            phone: self.phone.clone(),
            location_id: self.location_id,
            from: self.date.or(self.from),
            to: self.date.or(self.to),
            start,
            status: self.status,
            channel: self.channel,
            procedure_id: self.procedure_id,
            limit: self.limit.unwrap_or(200),
        })
    }
}

/// Find reservations by number, name, kana, phone, day, band, procedure, status or
/// channel (R5.2, R7.4-イ); ordered by day and time.
#[utoipa::path(
    tag = tags::RESERVATIONS,
    operation_id = "search_reservations",
    params(ReservationFilter),
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "Matching reservations", body = Vec<Reservation>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/reservations")]
pub async fn search_reservations(
    staff: Staff,
    state: web::Data<AppState>,
    filter: web::Query<ReservationFilter>,
) -> Result<web::Json<Vec<Reservation>>, AppError> {
    let read = filter.audited(staff.actor(), AuditAction::ReservationSearch);
    service::reservations::search_recorded(&state.db, &filter.to_search()?, read, state.clock.now())
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
