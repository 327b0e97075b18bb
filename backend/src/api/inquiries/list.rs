//! `GET /api/v1/inquiries`

use actix_web::{get, web};
use chrono::NaiveDate;
use madoguchi_shared::dto::inquiry::{Inquiry, InquiryCategory};
use madoguchi_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::error::AppError;
use crate::api::extract::Staff;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;
use crate::service::inquiries::InquiryFilter;

/// Filters of the inquiry log; days in Japan time, inclusive.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InquiryQuery {
    /// First day.
    from: Option<NaiveDate>,
    /// Last day.
    to: Option<NaiveDate>,
    /// Only this category.
    #[param(inline)]
    category: Option<InquiryCategory>,
    /// Only calls logged by this member (supervisors and the city).
    staff_id: Option<i64>,
    /// Only calls about this reservation.
    reservation_number: Option<String>,
}

/// Logged calls, newest first, at most 1000. Supervisors and the city see every
/// operator's calls (R5.7); an operator sees their own.
#[utoipa::path(
    tag = tags::INQUIRIES,
    operation_id = "list_inquiries",
    params(InquiryQuery),
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    responses(
        (status = 200, description = "The calls", body = Vec<Inquiry>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/inquiries")]
pub async fn list_inquiries(
    staff: Staff,
    state: web::Data<AppState>,
    query: web::Query<InquiryQuery>,
) -> Result<web::Json<Vec<Inquiry>>, AppError> {
    let query = query.into_inner();
    let filter = InquiryFilter {
        from: query.from,
        to: query.to,
        category: query.category,
        staff_id: query.staff_id,
        reservation_number: query.reservation_number,
    };
    service::inquiries::list(&state.db, staff.id, staff.role, &filter)
        .await
        .map(web::Json)
        .map_err(AppError::from)
}
