//! What staff security needs:
//!
//! - `staff_account.session_epoch`: every token carries the epoch it was issued in; signing
//!   out, a password change or reset, disabling and a role change raise it, which ends every
//!   earlier token of the account;
//! - `staff_account.totp_*`, `recovery_codes`, `step_up_until`: two-factor sign-in (TOTP,
//!   RFC 6238) with one-time recovery codes, and the recent re-authentication the most
//!   sensitive actions ask for;
//! - `audit_event`: the append-only record of sign-ins and of every look at, export or
//!   change of personal data and settings (R13.1).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let columns = [
            ColumnDef::new(StaffAccount::SessionEpoch)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(StaffAccount::TotpSecret)
                .string_len(128)
                .null()
                .to_owned(),
            ColumnDef::new(StaffAccount::TotpPendingSecret)
                .string_len(128)
                .null()
                .to_owned(),
            ColumnDef::new(StaffAccount::TotpLastStep)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(StaffAccount::RecoveryCodes)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(StaffAccount::StepUpUntil)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ];
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(StaffAccount::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(big_pk_auto(AuditEvent::Id))
                    .col(timestamp_with_time_zone(AuditEvent::At))
                    .col(string_len(AuditEvent::ActorKind, 16))
                    .col(big_integer_null(AuditEvent::ActorStaffId))
                    .col(string_len_null(AuditEvent::ActorLogin, 32))
                    .col(string_len(AuditEvent::Action, 48))
                    .col(string_len(AuditEvent::Outcome, 16))
                    .col(string_len_null(AuditEvent::Target, 64))
                    .col(text_null(AuditEvent::Detail))
                    .col(string_len_null(AuditEvent::Client, 64))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("ix_audit_event_at", AuditEvent::At),
            ("ix_audit_event_action", AuditEvent::Action),
            ("ix_audit_event_actor_staff_id", AuditEvent::ActorStaffId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditEvent::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditEvent::Table).to_owned())
            .await?;
        for column in [
            StaffAccount::StepUpUntil,
            StaffAccount::RecoveryCodes,
            StaffAccount::TotpLastStep,
            StaffAccount::TotpPendingSecret,
            StaffAccount::TotpSecret,
            StaffAccount::SessionEpoch,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(StaffAccount::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum StaffAccount {
    Table,
    SessionEpoch,
    TotpSecret,
    TotpPendingSecret,
    TotpLastStep,
    RecoveryCodes,
    StepUpUntil,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    At,
    ActorKind,
    ActorStaffId,
    ActorLogin,
    Action,
    Outcome,
    Target,
    Detail,
    Client,
}
