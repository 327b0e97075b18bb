//! `POST /api/v1/inquiries`

use actix_web::{HttpResponse, post, web};
use madoguchi_shared::dto::inquiry::{CreateInquiryRequest, Inquiry};
use madoguchi_shared::error::Problem;

use crate::api::error::AppError;
use crate::api::extract::Staff;
use crate::api::state::AppState;
use crate::api::tags;
use crate::service;

/// Log a call: when it came in, its category (予約, 変更, 取消, 問合せ, 苦情, その他), a
/// summary, the outcome and the reservation it was about (R5.6). The member signed in is
/// recorded as the one who took it.
#[utoipa::path(
    tag = tags::INQUIRIES,
    operation_id = "create_inquiry",
    security(("bearer" = ["operator", "call_center_supervisor", "city_staff", "city_admin"])),
    request_body(content = CreateInquiryRequest, example = json!({
        "category": "booking",
        "summary": "家族2人の予約。持参物を説明済み。",
        "outcome": "resolved",
        "reservation_number": "ACK7-9WXY"
    })),
    responses(
        (status = 201, description = "Logged", body = Inquiry),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/inquiries")]
pub async fn create_inquiry(
    staff: Staff,
    state: web::Data<AppState>,
    body: web::Json<CreateInquiryRequest>,
) -> Result<HttpResponse, AppError> {
    let inquiry =
        service::inquiries::create(&state.db, staff.id, body.into_inner(), state.clock.now())
            .await?;
    Ok(HttpResponse::Created().json(inquiry))
}
