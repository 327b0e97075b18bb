//! When each job is due, and the one pass every replica makes to run what is due.

use chrono::{DateTime, Datelike, Days, NaiveTime, Utc};
use madoguchi_shared::time::japan;
use sea_orm::DatabaseConnection;
use tokio_cron_scheduler::{Job, JobScheduler};

use super::reminders::{queue_reminders, tomorrow};
use super::reports::{daily_report, monthly_report};
use super::retention::anonymise_before;
use super::runs::run_once;
use crate::clock::Clock;
use crate::mail::Notifier;
use crate::service::error::ServiceError;

/// How often a replica looks for scheduled jobs that are due.
const DUE_JOBS_SCHEDULE: &str = "0 */5 * * * *";

/// When the daily jobs are due, Japan time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// The day-before reminders (R7.4-コ).
    pub reminder_time: NaiveTime,
    /// Personal data of visits older than this many days is removed (R13), at 03:00.
    pub retention_days: u64,
    /// Audit events older than this many days are removed, at the same time.
    pub audit_retention_days: u64,
}

/// The retention job's time: the quietest hour.
const RETENTION_TIME: (u32, u32) = (3, 0);
/// The daily report's time: after the Thursday evening counter (to 19:00) has closed.
const DAILY_REPORT_TIME: (u32, u32) = (20, 0);
/// The monthly report's time on the 1st.
const MONTHLY_REPORT_TIME: (u32, u32) = (1, 0);
fn at(hour_minute: (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(hour_minute.0, hour_minute.1, 0).unwrap_or(NaiveTime::MIN)
}

/// Runs every scheduled job whose time has come and that has not run yet: today's
/// reminders after `reminder_time`, today's retention after 03:00, today's daily report
/// after 20:00 (and yesterday's, if it was missed), last month's report. Every replica calls
/// this every few minutes and once when it starts, so a run missed while no replica was up
/// happens as soon as one is, and a failed run is tried again the same day; each run still
/// happens once ([`run_once`]). Returns what each job did.
pub async fn run_due(
    db: &DatabaseConnection,
    clock: &Clock,
    notifier: &Notifier,
    schedule: Schedule,
) -> Vec<(&'static str, Result<Option<String>, ServiceError>)> {
    let now = clock.now_in_japan();
    let today = now.date();
    let mut done = Vec::new();
    if now.time() >= schedule.reminder_time {
        let visit = tomorrow(today);
        let key = format!("reminders:{visit}");
        let outcome = run_once(db, clock, "reminders", &key, || async {
            let queued = queue_reminders(db, notifier, visit).await?;
            Ok(format!("{queued} reminders queued for {visit}"))
        })
        .await;
        done.push(("reminders", outcome));
    }
    if now.time() >= at(RETENTION_TIME) {
        let cutoff = today
            .checked_sub_days(Days::new(schedule.retention_days))
            .unwrap_or(today);
        let key = format!("retention:{today}");
        let outcome = run_once(db, clock, "retention", &key, || async {
            let purged = anonymise_before(db, cutoff, clock.now()).await?;
            let audit_cutoff = i64::try_from(schedule.audit_retention_days)
                .ok()
                .and_then(chrono::TimeDelta::try_days)
                .and_then(|kept| clock.now().checked_sub_signed(kept))
                .unwrap_or(DateTime::<Utc>::MIN_UTC);
            let audit_events = crate::service::audit::forget_before(db, audit_cutoff).await?;
            Ok(format!(
                "personal data removed from {} reservations, {} mails and {} inquiries before {cutoff}; {audit_events} audit events older than {} days removed",
                purged.reservations, purged.mails, purged.inquiries, schedule.audit_retention_days
            ))
        })
        .await;
        done.push(("retention", outcome));
    }
    if let Some(yesterday) = today.pred_opt() {
        done.push(("daily_report", daily_report(db, clock, yesterday).await));
    }
    if now.time() >= at(DAILY_REPORT_TIME) {
        done.push(("daily_report", daily_report(db, clock, today).await));
    }
    if today.day() > 1 || now.time() >= at(MONTHLY_REPORT_TIME) {
        done.push(("monthly_report", monthly_report(db, clock, today).await));
    }
    for (job, outcome) in &done {
        if let Err(error) = outcome {
            tracing::warn!(job, %error, "a scheduled job failed; it is tried again later today");
        }
    }
    done
}

/// Starts the scheduled jobs (Japan time) as `schedule` says: the day-before reminders,
/// at 03:00 the removal of personal data and audit events past their retention (R13), the
/// daily report after the last evening band closes, and the monthly report on the 1st (R9).
/// Every five minutes, and once now, the replica runs whatever is due and not yet done
/// ([`run_due`]): a run missed while the server was down happens at start, a failed run is
/// tried again the same day, and with several replicas each run still happens once.
pub async fn spawn(
    db: DatabaseConnection,
    clock: Clock,
    notifier: Notifier,
    schedule: Schedule,
) -> anyhow::Result<()> {
    run_due(&db, &clock, &notifier, schedule).await;
    let scheduler = JobScheduler::new().await?;
    scheduler
        .add(Job::new_async_tz(
            DUE_JOBS_SCHEDULE,
            japan(),
            move |_, _| {
                let (db, clock, notifier) = (db.clone(), clock.clone(), notifier.clone());
                Box::pin(async move {
                    run_due(&db, &clock, &notifier, schedule).await;
                })
            },
        )?)
        .await?;
    scheduler.start().await?;
    Ok(())
}
