//! The daily and monthly reports, generated once and kept as reported (R9.1, R9.2).

use chrono::{Datelike, NaiveDate};
use madoguchi_shared::dto::report::{Report, ReportPeriod};
use sea_orm::ConnectionTrait;

use super::runs::run_once;
use crate::clock::Clock;
use crate::service::error::ServiceError;
use crate::service::reports;

/// The daily report of `day`, generated once after closing and kept as reported (R9.1).
pub async fn daily_report(
    db: &impl ConnectionTrait,
    clock: &Clock,
    day: NaiveDate,
) -> Result<Option<String>, ServiceError> {
    run_once(
        db,
        clock,
        "daily_report",
        &format!("daily_report:{day}"),
        || async {
            let report =
                reports::generate_snapshot(db, ReportPeriod::Daily, day, clock.now()).await?;
            Ok(format!("daily report of {day}: {}", summary(&report)))
        },
    )
    .await
}

/// The monthly report of the month before `today`, generated once on the 1st (R9.2).
pub async fn monthly_report(
    db: &impl ConnectionTrait,
    clock: &Clock,
    today: NaiveDate,
) -> Result<Option<String>, ServiceError> {
    let previous = today
        .with_day(1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(today);
    let month = previous.format("%Y-%m");
    run_once(
        db,
        clock,
        "monthly_report",
        &format!("monthly_report:{month}"),
        || async {
            let report =
                reports::generate_snapshot(db, ReportPeriod::Monthly, previous, clock.now())
                    .await?;
            Ok(format!("monthly report of {month}: {}", summary(&report)))
        },
    )
    .await
}

fn summary(report: &Report) -> String {
    let made: u64 = report
        .locations
        .iter()
        .map(|place| place.totals.made.total())
        .sum();
    let people: u64 = report
        .locations
        .iter()
        .map(|place| place.totals.people_booked)
        .sum();
    format!(
        "{made} reservations made, {people} people booked, {} calls offered",
        report.calls.offered
    )
}
