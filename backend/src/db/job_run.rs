//! One run of a scheduled job.

use sea_orm::entity::prelude::*;

/// Row of `job_run`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_run")]
pub struct Model {
    /// Run id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The job, e.g. `reminders`.
    pub job: String,
    /// The job and its scheduled slot, e.g. `reminders:2026-11-27`; unique.
    #[sea_orm(unique)]
    pub run_key: String,
    /// Start.
    pub started_at: DateTimeUtc,
    /// End.
    pub finished_at: Option<DateTimeUtc>,
    /// running, ok or failed.
    pub outcome: String,
    /// What it did, or why it failed.
    pub detail: Option<String>,
    /// Until when the replica running it owns the run; a lapsed lease may be taken over.
    pub lease_until: Option<DateTimeUtc>,
    /// How many times the run was started.
    pub attempts: i32,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
