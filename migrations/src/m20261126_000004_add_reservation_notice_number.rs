//! The card notice number (交付通知書番号) as a search key, so that one person cannot hold
//! several bookings when the city asks for the number.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Reservation::Table)
                    .add_column(
                        ColumnDef::new(Reservation::NoticeNumber)
                            .string_len(32)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_reservation_notice_number")
                    .table(Reservation::Table)
                    .col(Reservation::NoticeNumber)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_reservation_notice_number")
                    .table(Reservation::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Reservation::Table)
                    .drop_column(Reservation::NoticeNumber)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Reservation {
    Table,
    NoticeNumber,
}
