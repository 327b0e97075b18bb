//! Where visits happen (location) and what can be booked (procedure, R5.1).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Location::Table)
                    .col(big_pk_auto(Location::Id))
                    .col(string_len_uniq(Location::Code, 32))
                    .col(string_len(Location::NameJa, 128))
                    .col(string_len(Location::NameEn, 128))
                    .col(string_len(Location::AddressJa, 256))
                    .col(boolean(Location::Active).default(true))
                    .col(integer(Location::SortOrder).default(0))
                    .col(timestamp_with_time_zone(Location::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Procedure::Table)
                    .col(big_pk_auto(Procedure::Id))
                    .col(string_len_uniq(Procedure::Code, 32))
                    .col(string_len(Procedure::NameJa, 128))
                    .col(string_len(Procedure::NameEn, 128))
                    .col(text(Procedure::WhatToBringJa))
                    .col(text(Procedure::WhatToBringEn))
                    .col(text(Procedure::NotesJa))
                    .col(text(Procedure::NotesEn))
                    .col(integer(Procedure::UnitsPerPerson).default(1))
                    .col(boolean(Procedure::Active).default(true))
                    .col(integer(Procedure::SortOrder).default(0))
                    .col(timestamp_with_time_zone(Procedure::CreatedAt))
                    .check(Expr::col(Procedure::UnitsPerPerson).gte(1))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Procedure::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Location::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Location {
    Table,
    Id,
    Code,
    NameJa,
    NameEn,
    AddressJa,
    Active,
    SortOrder,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Procedure {
    Table,
    Id,
    Code,
    NameJa,
    NameEn,
    WhatToBringJa,
    WhatToBringEn,
    NotesJa,
    NotesEn,
    UnitsPerPerson,
    Active,
    SortOrder,
    CreatedAt,
}
