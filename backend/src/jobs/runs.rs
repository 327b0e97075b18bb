//! Runs recorded in `job_run`: each happens once per scheduled slot however many replicas
//! fire it (the run key is unique: the first replica to write it runs the job).

use std::future::Future;

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::jobs::JobRun;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::clock::Clock;
use crate::db::constraints::UniqueKey;
use crate::db::job_run;
use crate::service::error::ServiceError;

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
) -> Result<Option<String>, ServiceError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<String, ServiceError>>,
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
    let run_id = match started.map_err(ServiceError::from) {
        Ok(run) => run.id,
        // Another replica started this run first.
        Err(error) if error.is_duplicate_of(UniqueKey::JobRunKey) => {
            match take_over(db, run_key, now).await? {
                Some(run_id) => run_id,
                None => return Ok(None),
            }
        }
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
) -> Result<Option<i64>, ServiceError> {
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
pub async fn recent_runs(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<JobRun>, ServiceError> {
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
