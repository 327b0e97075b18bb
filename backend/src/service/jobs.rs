//! Scheduled jobs: each run is recorded, and happens once per scheduled slot however many
//! replicas fire it (the run key is unique: the first replica to write it runs the job).

use std::future::Future;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use madoguchi_shared::dto::jobs::JobRun;
use madoguchi_shared::dto::report::{Report, ReportPeriod};
use madoguchi_shared::dto::reservation::ReservationStatus;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait, Set,
};

use crate::clock::Clock;
use crate::db::{job_run, outbox, reservation, slot};
use crate::error::AppError;
use crate::mail::Notifier;
use crate::mail::templates::MailKind;
use crate::service::reservations;

/// How long a replica owns a run it started; a run still `running` after that crashed (or
/// hung with its replica), and another replica may take it over.
pub const RUN_LEASE: chrono::TimeDelta = chrono::TimeDelta::minutes(30);
/// Times one run is tried before it is left failed for the city to see.
pub const MAX_RUN_ATTEMPTS: i32 = 5;

/// Runs `work` for `run_key` unless it is done, or another replica is doing it; returns the
/// run's detail, or `None` when there was nothing to do. A run that failed, or whose
/// replica died mid-run (its lease lapsed), is run again, up to [`MAX_RUN_ATTEMPTS`] times:
/// the next time a replica finds it due, the same day.
pub async fn run_once<F, Fut>(
    db: &impl ConnectionTrait,
    clock: &Clock,
    job: &str,
    run_key: &str,
    work: F,
) -> Result<Option<String>, AppError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<String, AppError>>,
{
    let now = clock.now();
    let started = job_run::ActiveModel {
        job: Set(job.to_owned()),
        run_key: Set(run_key.to_owned()),
        started_at: Set(now),
        finished_at: Set(None),
        outcome: Set("running".to_owned()),
        detail: Set(None),
        lease_until: Set(Some(now + RUN_LEASE)),
        attempts: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await;
    let run_id = match started.map_err(AppError::from) {
        Ok(run) => run.id,
        Err(AppError::Conflict(_)) => match take_over(db, run_key, now).await? {
            Some(run_id) => run_id,
            None => return Ok(None),
        },
        Err(error) => return Err(error),
    };
    let outcome = work().await;
    let (status, detail) = match &outcome {
        Ok(detail) => ("ok", detail.clone()),
        Err(error) => ("failed", error.to_string()),
    };
    job_run::Entity::update_many()
        .col_expr(job_run::Column::FinishedAt, Expr::value(Some(clock.now())))
        .col_expr(job_run::Column::Outcome, Expr::value(status))
        .col_expr(job_run::Column::Detail, Expr::value(Some(detail)))
        .col_expr(
            job_run::Column::LeaseUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(job_run::Column::Id.eq(run_id))
        .exec(db)
        .await?;
    tracing::info!(job, run_key, status, "scheduled job ran");
    outcome.map(Some)
}

/// Takes over a run that failed or whose replica died; `None` when it is done, running
/// under a live lease, or out of attempts. One conditional UPDATE: of replicas racing to
/// take it over, one wins.
async fn take_over(
    db: &impl ConnectionTrait,
    run_key: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let retryable = sea_orm::Condition::any()
        .add(job_run::Column::Outcome.eq("failed"))
        .add(
            job_run::Column::Outcome
                .eq("running")
                .and(job_run::Column::LeaseUntil.lt(now)),
        );
    let taken = job_run::Entity::update_many()
        .col_expr(job_run::Column::Outcome, Expr::value("running"))
        .col_expr(job_run::Column::StartedAt, Expr::value(now))
        .col_expr(
            job_run::Column::FinishedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            job_run::Column::LeaseUntil,
            Expr::value(Some(now + RUN_LEASE)),
        )
        .col_expr(
            job_run::Column::Attempts,
            Expr::col(job_run::Column::Attempts).add(1),
        )
        .filter(job_run::Column::RunKey.eq(run_key))
        .filter(job_run::Column::Attempts.lt(MAX_RUN_ATTEMPTS))
        .filter(retryable)
        .exec(db)
        .await?
        .rows_affected;
    if taken == 0 {
        return Ok(None);
    }
    Ok(job_run::Entity::find()
        .filter(job_run::Column::RunKey.eq(run_key))
        .one(db)
        .await?
        .map(|run| run.id))
}
/// The latest runs, newest first.
pub async fn recent_runs(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<JobRun>, AppError> {
    Ok(job_run::Entity::find()
        .order_by_desc(job_run::Column::StartedAt)
        .order_by_desc(job_run::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|run| JobRun {
            id: run.id,
            job: run.job,
            run_key: run.run_key,
            started_at: run.started_at,
            finished_at: run.finished_at,
            outcome: run.outcome,
            detail: run.detail,
        })
        .collect())
}

fn reminder_key(reservation_id: i64, visit: NaiveDate) -> String {
    format!("reminder:{reservation_id}:{visit}")
}

/// Queues the day-before reminder (R7.4-コ) of every booked reservation on `visit` that has
/// an address. Each reminder is queued at most once (its dedupe key is unique).
pub async fn queue_reminders(
    db: &DatabaseConnection,
    notifier: &Notifier,
    visit: NaiveDate,
) -> Result<usize, AppError> {
    let due = reservation::Entity::find()
        .join(
            sea_orm::JoinType::InnerJoin,
            reservation::Relation::Slot.def(),
        )
        .filter(slot::Column::Date.eq(visit))
        .filter(reservation::Column::Status.eq(ReservationStatus::Booked.as_str()))
        .filter(reservation::Column::Email.is_not_null())
        .all(db)
        .await?;
    let mut queued = 0;
    for row in due {
        let key = reminder_key(row.id, visit);
        let known = outbox::Entity::find()
            .filter(outbox::Column::DedupeKey.eq(key.as_str()))
            .one(db)
            .await?
            .is_some();
        if known {
            continue;
        }
        let view = reservations::to_dto(db, row.clone()).await?;
        match notifier
            .enqueue(db, MailKind::Reminder, &row, &view, Some(key))
            .await
        {
            Ok(()) => queued += 1,
            // Another replica queued it meanwhile.
            Err(AppError::Conflict(_)) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(queued)
}

/// Whether a queued reminder is still true: its reservation still booked on that day.
pub async fn reminder_still_due(
    db: &impl ConnectionTrait,
    mail: &outbox::Model,
) -> Result<bool, AppError> {
    let (Some(reservation_id), Some(key)) = (mail.reservation_id, mail.dedupe_key.as_deref())
    else {
        return Ok(false);
    };
    let Some(row) = reservation::Entity::find_by_id(reservation_id)
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    if row.status != ReservationStatus::Booked.as_str() {
        return Ok(false);
    }
    let Some(slot) = slot::Entity::find_by_id(row.slot_id).one(db).await? else {
        return Ok(false);
    };
    Ok(key == reminder_key(reservation_id, slot.date))
}

/// The day after `today`.
pub fn tomorrow(today: NaiveDate) -> NaiveDate {
    today.checked_add_days(Days::new(1)).unwrap_or(today)
}

/// What the retention purge did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    /// Reservations whose personal data was removed.
    pub reservations: usize,
    /// Mails removed from the outbox, whether sent, failed or never sent.
    pub mails: u64,
    /// Inquiries whose summary and reservation number were removed.
    pub inquiries: u64,
}

/// What stands where removed free text was.
const REMOVED: &str = "—";

/// Removes the personal data of reservations whose visit was before `cutoff` (R13): their
/// contact fields and search keys, the members' names, the before/after of their history,
/// the fingerprints of their booking requests, and their mails; the summaries of inquiries
/// received before it; every mail queued before it, sent or not. What remains (day, band,
/// procedures, channel, status, the history's actions and actors, an inquiry's category and
/// outcome) still counts in reports. Running it again changes nothing.
pub async fn anonymise_before(
    db: &DatabaseConnection,
    cutoff: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Purged, AppError> {
    use crate::db::{rate_limit, reservation_history, reservation_member};
    let old: Vec<i64> = reservation::Entity::find()
        .join(
            sea_orm::JoinType::InnerJoin,
            reservation::Relation::Slot.def(),
        )
        .filter(slot::Column::Date.lt(cutoff))
        .filter(reservation::Column::ContactJson.ne("{}"))
        .select_only()
        .column(reservation::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let txn = crate::service::transaction::begin_writing(db).await?;
    for ids in old.chunks(500) {
        reservation::Entity::update_many()
            .col_expr(reservation::Column::ContactJson, Expr::value("{}"))
            .col_expr(
                reservation::Column::Name,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::NameKana,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::PhoneDigits,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::Email,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::NoticeNumber,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::IdempotencyKey,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation::Column::RequestFingerprint,
                Expr::value(Option::<String>::None),
            )
            .filter(reservation::Column::Id.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
        reservation_member::Entity::update_many()
            .col_expr(reservation_member::Column::Name, Expr::value("—"))
            .filter(reservation_member::Column::ReservationId.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
        reservation_history::Entity::update_many()
            .col_expr(
                reservation_history::Column::BeforeJson,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                reservation_history::Column::AfterJson,
                Expr::value(Option::<String>::None),
            )
            .filter(reservation_history::Column::ReservationId.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
    }
    let cutoff_instant = cutoff
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| {
            midnight
                .and_local_timezone(madoguchi_shared::time::japan())
                .single()
        })
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or(now);
    // A mail still unsent after the retention period will never be wanted.
    let mails = outbox::Entity::delete_many()
        .filter(outbox::Column::CreatedAt.lt(cutoff_instant))
        .exec(&txn)
        .await?
        .rows_affected;
    let inquiries = crate::db::inquiry::Entity::update_many()
        .col_expr(crate::db::inquiry::Column::Summary, Expr::value(REMOVED))
        .col_expr(
            crate::db::inquiry::Column::ReservationNumber,
            Expr::value(Option::<String>::None),
        )
        .filter(crate::db::inquiry::Column::ReceivedAt.lt(cutoff_instant))
        .filter(crate::db::inquiry::Column::Summary.ne(REMOVED))
        .exec(&txn)
        .await?
        .rows_affected;
    rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::WindowStart.lt(now - chrono::Duration::days(1)))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(Purged {
        reservations: old.len(),
        mails,
        inquiries,
    })
}

/// The daily report of `day`, generated once after closing and kept as reported (R9.1).
pub async fn daily_report(
    db: &impl ConnectionTrait,
    clock: &Clock,
    day: NaiveDate,
) -> Result<Option<String>, AppError> {
    run_once(
        db,
        clock,
        "daily_report",
        &format!("daily_report:{day}"),
        || async {
            let report =
                super::reports::generate_snapshot(db, ReportPeriod::Daily, day, clock.now())
                    .await?;
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
) -> Result<Option<String>, AppError> {
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
                super::reports::generate_snapshot(db, ReportPeriod::Monthly, previous, clock.now())
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
) -> Vec<(&'static str, Result<Option<String>, AppError>)> {
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
