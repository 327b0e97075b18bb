//! Notices on the citizen site, and announced maintenance windows (R7.5).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notice::Table)
                    .col(big_pk_auto(Notice::Id))
                    .col(string_len(Notice::Kind, 16))
                    .col(string_len(Notice::TitleJa, 200))
                    .col(string_len(Notice::TitleEn, 200))
                    .col(text(Notice::BodyJa))
                    .col(text(Notice::BodyEn))
                    .col(timestamp_with_time_zone(Notice::PublishFrom))
                    .col(timestamp_with_time_zone_null(Notice::PublishUntil))
                    .col(timestamp_with_time_zone_null(Notice::StartsAt))
                    .col(timestamp_with_time_zone_null(Notice::EndsAt))
                    .col(timestamp_with_time_zone(Notice::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Notice::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Notice {
    Table,
    Id,
    Kind,
    TitleJa,
    TitleEn,
    BodyJa,
    BodyEn,
    PublishFrom,
    PublishUntil,
    StartsAt,
    EndsAt,
    UpdatedAt,
}
