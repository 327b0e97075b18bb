//! The inquiry log (R5.6), imported call records (R4.5), report snapshots made by the
//! daily and monthly jobs (R9), and the contract-end exports (R13.3).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Inquiry::Table)
                    .col(big_pk_auto(Inquiry::Id))
                    .col(timestamp_with_time_zone(Inquiry::ReceivedAt))
                    .col(string_len(Inquiry::Category, 16))
                    .col(text(Inquiry::Summary))
                    .col(string_len(Inquiry::Outcome, 16))
                    .col(string_len_null(Inquiry::ReservationNumber, 16))
                    .col(big_integer(Inquiry::StaffId))
                    .col(timestamp_with_time_zone(Inquiry::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inquiry::Table, Inquiry::StaffId)
                            .to(StaffAccount::Table, StaffAccount::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiry_received_at")
                    .table(Inquiry::Table)
                    .col(Inquiry::ReceivedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CallRecord::Table)
                    .col(big_pk_auto(CallRecord::Id))
                    .col(timestamp_with_time_zone(CallRecord::StartedAt))
                    .col(boolean(CallRecord::Answered))
                    .col(integer(CallRecord::WaitSeconds))
                    .col(integer(CallRecord::TalkSeconds))
                    .col(timestamp_with_time_zone(CallRecord::ImportedAt))
                    .to_owned(),
            )
            .await?;
        // The phone system's export overlaps from one day to the next; the same call
        // imported twice must count once.
        manager
            .create_index(
                Index::create()
                    .name("uq_call_record")
                    .table(CallRecord::Table)
                    .col(CallRecord::StartedAt)
                    .col(CallRecord::Answered)
                    .col(CallRecord::WaitSeconds)
                    .col(CallRecord::TalkSeconds)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportSnapshot::Table)
                    .col(big_pk_auto(ReportSnapshot::Id))
                    .col(string_len(ReportSnapshot::Period, 16))
                    .col(date(ReportSnapshot::FirstDay))
                    .col(timestamp_with_time_zone(ReportSnapshot::GeneratedAt))
                    .col(text(ReportSnapshot::BodyJson))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_report_snapshot")
                    .table(ReportSnapshot::Table)
                    .col(ReportSnapshot::Period)
                    .col(ReportSnapshot::FirstDay)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContractExport::Table)
                    .col(big_pk_auto(ContractExport::Id))
                    .col(string_len(ContractExport::Sha256, 64))
                    .col(big_integer(ContractExport::ByteCount))
                    .col(text(ContractExport::ManifestJson))
                    .col(big_integer_null(ContractExport::CreatedBy))
                    .col(timestamp_with_time_zone(ContractExport::CreatedAt))
                    .col(timestamp_with_time_zone_null(ContractExport::PurgedAt))
                    .col(text_null(ContractExport::PurgeReportJson))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContractExport::Table.into_iden(),
            ReportSnapshot::Table.into_iden(),
            CallRecord::Table.into_iden(),
            Inquiry::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Inquiry {
    Table,
    Id,
    ReceivedAt,
    Category,
    Summary,
    Outcome,
    ReservationNumber,
    StaffId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StaffAccount {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CallRecord {
    Table,
    Id,
    StartedAt,
    Answered,
    WaitSeconds,
    TalkSeconds,
    ImportedAt,
}

#[derive(DeriveIden)]
enum ReportSnapshot {
    Table,
    Id,
    Period,
    FirstDay,
    GeneratedAt,
    BodyJson,
}

#[derive(DeriveIden)]
enum ContractExport {
    Table,
    Id,
    Sha256,
    ByteCount,
    ManifestJson,
    CreatedBy,
    CreatedAt,
    PurgedAt,
    PurgeReportJson,
}
