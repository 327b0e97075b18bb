//! The inquiry log (R5.6-R5.7): operators record every call; supervisors and the city read
//! all of them, an operator their own.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_shared::dto::inquiry::{
    CreateInquiryRequest, Inquiry, InquiryCategory, InquiryOutcome,
};
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::FieldErrorCode;
use madoguchi_shared::reservation_number;
use madoguchi_shared::validate::validate_inquiry;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::db::inquiry;
use crate::db::staff_accounts::StaffQuery;
use crate::service::error::ServiceError;
use crate::service::reports::japan_day_start;

/// Filters of the inquiry list; days in Japan time, both ends inclusive.
#[derive(Clone, Debug, Default)]
pub struct InquiryFilter {
    /// First day.
    pub from: Option<NaiveDate>,
    /// Last day.
    pub to: Option<NaiveDate>,
    /// Only this category.
    pub category: Option<InquiryCategory>,
    /// Only calls logged by this member.
    pub staff_id: Option<i64>,
    /// Only calls about this reservation (typed loosely).
    pub reservation_number: Option<String>,
}

/// How many rows one list answers at most.
const LIST_LIMIT: u64 = 1000;

/// Logs a call taken by `staff_id`. A calls' time in the future is refused: the log records
/// what happened.
pub async fn create(
    db: &impl ConnectionTrait,
    staff_id: i64,
    request: CreateInquiryRequest,
    now: DateTime<Utc>,
) -> Result<Inquiry, ServiceError> {
    validate_inquiry(&request).map_err(ServiceError::Validation)?;
    let received_at = request.received_at.unwrap_or(now);
    if received_at > now + chrono::Duration::minutes(5) {
        return Err(ServiceError::invalid_field(
            "received_at",
            FieldErrorCode::InFuture,
            "a call cannot be logged before it happens",
        ));
    }
    let number = request
        .reservation_number
        .as_deref()
        .and_then(reservation_number::normalize);
    let row = inquiry::ActiveModel {
        received_at: Set(received_at),
        category: Set(request.category.as_str().to_owned()),
        summary: Set(request.summary.trim().to_owned()),
        outcome: Set(request.outcome.as_str().to_owned()),
        reservation_number: Set(number),
        staff_id: Set(staff_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let names = staff_names(db, &[staff_id]).await?;
    to_dto(row, &names)
}

/// Logged calls, newest first. An operator sees only their own.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer_id: i64,
    viewer_role: StaffRole,
    filter: &InquiryFilter,
) -> Result<Vec<Inquiry>, ServiceError> {
    let mut query = inquiry::Entity::find()
        .order_by_desc(inquiry::Column::ReceivedAt)
        .order_by_desc(inquiry::Column::Id)
        .limit(LIST_LIMIT);
    if viewer_role == StaffRole::Operator {
        query = query.filter(inquiry::Column::StaffId.eq(viewer_id));
    } else if let Some(staff_id) = filter.staff_id {
        query = query.filter(inquiry::Column::StaffId.eq(staff_id));
    }
    if let Some(from) = filter.from {
        query = query.filter(inquiry::Column::ReceivedAt.gte(japan_day_start(from)));
    }
    if let Some(to) = filter.to.and_then(|to| to.succ_opt()) {
        query = query.filter(inquiry::Column::ReceivedAt.lt(japan_day_start(to)));
    }
    if let Some(category) = filter.category {
        query = query.filter(inquiry::Column::Category.eq(category.as_str()));
    }
    if let Some(number) = filter.reservation_number.as_deref() {
        let number = reservation_number::normalize(number).ok_or_else(|| {
            ServiceError::invalid_field(
                "reservation_number",
                FieldErrorCode::InvalidFormat,
                "a reservation number has 8 letters and digits, e.g. ACK7-9WXY",
            )
        })?;
        query = query.filter(inquiry::Column::ReservationNumber.eq(number));
    }
    let rows = query.all(db).await?;
    let mut ids: Vec<i64> = rows.iter().map(|row| row.staff_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = staff_names(db, &ids).await?;
    rows.into_iter().map(|row| to_dto(row, &names)).collect()
}

async fn staff_names(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, String>, ServiceError> {
    Ok(StaffQuery::display_names(db, ids.iter().copied()).await?)
}

fn to_dto(row: inquiry::Model, names: &HashMap<i64, String>) -> Result<Inquiry, ServiceError> {
    let corrupt = |what: &str| {
        ServiceError::Internal(anyhow::anyhow!("inquiry {} has an unknown {what}", row.id))
    };
    Ok(Inquiry {
        id: row.id,
        received_at: row.received_at,
        category: InquiryCategory::parse(&row.category).ok_or_else(|| corrupt("category"))?,
        summary: row.summary.clone(),
        outcome: InquiryOutcome::parse(&row.outcome).ok_or_else(|| corrupt("outcome"))?,
        reservation_number: row.reservation_number.clone(),
        staff_id: row.staff_id,
        staff_name: names.get(&row.staff_id).cloned().unwrap_or_default(),
    })
}
