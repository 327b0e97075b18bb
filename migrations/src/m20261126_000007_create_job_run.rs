//! A record of every scheduled job run; its unique run key makes a run happen once even
//! when several replicas fire the same schedule.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(JobRun::Table)
                    .col(big_pk_auto(JobRun::Id))
                    .col(string_len(JobRun::Job, 64))
                    .col(string_len_uniq(JobRun::RunKey, 128))
                    .col(timestamp_with_time_zone(JobRun::StartedAt))
                    .col(timestamp_with_time_zone_null(JobRun::FinishedAt))
                    .col(string_len(JobRun::Outcome, 16))
                    .col(text_null(JobRun::Detail))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(JobRun::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum JobRun {
    Table,
    Id,
    Job,
    RunKey,
    StartedAt,
    FinishedAt,
    Outcome,
    Detail,
}
