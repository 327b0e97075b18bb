//! The call center's inquiry log (R5.6, R5.7).

use madoguchi_shared::dto::inquiry::{CreateInquiryRequest, Inquiry};

use super::reservations::query_string;
use super::{ApiError, staff};

/// Inquiries matching the filters (`from`, `to`, `category`, `staff_id`).
pub async fn list(filters: &[(&str, String)]) -> Result<Vec<Inquiry>, ApiError> {
    staff::get(&format!("/api/v1/inquiries?{}", query_string(filters))).await
}

/// Logs an inquiry.
pub async fn create(request: &CreateInquiryRequest) -> Result<Inquiry, ApiError> {
    staff::post("/api/v1/inquiries", request).await
}
