//! Reports kept as reported: the daily and monthly snapshots the jobs write once.

use chrono::{DateTime, NaiveDate, Utc};

use madoguchi_shared::dto::report::{Report, ReportPeriod};

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::figures::compute;
use super::period::{period_days, period_name};
use crate::db::report_snapshot;
use crate::service::error::ServiceError;

/// Computes the report and keeps it as generated (the daily and monthly jobs), replacing an
/// earlier snapshot of the same period.
pub async fn generate_snapshot(
    db: &impl ConnectionTrait,
    period: ReportPeriod,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Report, ServiceError> {
    let report = compute(db, period, day, None, now).await?;
    let body =
        serde_json::to_string(&report).map_err(|error| ServiceError::Internal(error.into()))?;
    report_snapshot::Entity::insert(report_snapshot::ActiveModel {
        period: Set(period_name(period).to_owned()),
        first_day: Set(report.from),
        generated_at: Set(now),
        body_json: Set(body),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            report_snapshot::Column::Period,
            report_snapshot::Column::FirstDay,
        ])
        .update_columns([
            report_snapshot::Column::GeneratedAt,
            report_snapshot::Column::BodyJson,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(report)
}

/// The report as the job generated it, if it ran for that period.
pub async fn snapshot(
    db: &impl ConnectionTrait,
    period: ReportPeriod,
    day: NaiveDate,
) -> Result<Report, ServiceError> {
    let (from, _) = period_days(period, day);
    let row = report_snapshot::Entity::find()
        .filter(report_snapshot::Column::Period.eq(period_name(period)))
        .filter(report_snapshot::Column::FirstDay.eq(from))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The generated report".to_owned()))?;
    serde_json::from_str(&row.body_json).map_err(|error| ServiceError::Internal(error.into()))
}
