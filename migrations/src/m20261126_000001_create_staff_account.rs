//! Staff accounts: operators, supervisors, city staff and administrators.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StaffAccount::Table)
                    .col(big_pk_auto(StaffAccount::Id))
                    .col(string_len_uniq(StaffAccount::LoginId, 32))
                    .col(string_len(StaffAccount::DisplayName, 64))
                    .col(string_len(StaffAccount::Role, 32))
                    .col(text(StaffAccount::PasswordHash))
                    .col(boolean(StaffAccount::Disabled).default(false))
                    .col(integer(StaffAccount::FailedLogins).default(0))
                    .col(timestamp_with_time_zone_null(StaffAccount::LockedUntil))
                    .col(timestamp_with_time_zone(StaffAccount::CreatedAt))
                    .col(timestamp_with_time_zone(StaffAccount::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaffAccount::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum StaffAccount {
    Table,
    Id,
    LoginId,
    DisplayName,
    Role,
    PasswordHash,
    Disabled,
    FailedLogins,
    LockedUntil,
    CreatedAt,
    UpdatedAt,
}
