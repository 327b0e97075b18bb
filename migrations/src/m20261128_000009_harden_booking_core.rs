//! What the booking core needs to hold under races, crashes, replicas and bots:
//!
//! - `hold.client_key`: who holds the seats (a fixed-length hash of the client's address),
//!   so one client can hold only a few bands at a time;
//! - `reservation.revision`: counts the changes of a reservation, so the calendar entry a
//!   mail carries has a `SEQUENCE` that only grows;
//! - `outbox.claim_token`: which worker's claim a mail is under, so a worker whose claim
//!   lapsed and was taken over cannot mark the mail sent (fencing);
//! - `job_run.lease_until` and `job_run.attempts`: a run that crashed or failed can be
//!   taken over and run again the same day.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let add = |table: DynIden, column: ColumnDef| {
            Table::alter().table(table).add_column(column).to_owned()
        };
        manager
            .alter_table(add(
                Hold::Table.into_iden(),
                ColumnDef::new(Hold::ClientKey)
                    .string_len(64)
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_hold_client_key_expires_at")
                    .table(Hold::Table)
                    .col(Hold::ClientKey)
                    .col(Hold::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(add(
                Reservation::Table.into_iden(),
                ColumnDef::new(Reservation::Revision)
                    .integer()
                    .not_null()
                    .default(0)
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                Outbox::Table.into_iden(),
                ColumnDef::new(Outbox::ClaimToken)
                    .string_len(36)
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                JobRun::Table.into_iden(),
                ColumnDef::new(JobRun::LeaseUntil)
                    .timestamp_with_time_zone()
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                JobRun::Table.into_iden(),
                ColumnDef::new(JobRun::Attempts)
                    .integer()
                    .not_null()
                    .default(1)
                    .to_owned(),
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = |table: DynIden, column: DynIden| {
            Table::alter().table(table).drop_column(column).to_owned()
        };
        manager
            .alter_table(drop(
                JobRun::Table.into_iden(),
                JobRun::Attempts.into_iden(),
            ))
            .await?;
        manager
            .alter_table(drop(
                JobRun::Table.into_iden(),
                JobRun::LeaseUntil.into_iden(),
            ))
            .await?;
        manager
            .alter_table(drop(
                Outbox::Table.into_iden(),
                Outbox::ClaimToken.into_iden(),
            ))
            .await?;
        manager
            .alter_table(drop(
                Reservation::Table.into_iden(),
                Reservation::Revision.into_iden(),
            ))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_hold_client_key_expires_at")
                    .table(Hold::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(drop(Hold::Table.into_iden(), Hold::ClientKey.into_iden()))
            .await
    }
}

#[derive(DeriveIden)]
enum Hold {
    Table,
    ClientKey,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Reservation {
    Table,
    Revision,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    ClaimToken,
}

#[derive(DeriveIden)]
enum JobRun {
    Table,
    LeaseUntil,
    Attempts,
}
