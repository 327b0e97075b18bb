//! The booking engine: slot settings, slots with their seat counters, holds, the form
//! fields, reservations with their party members, and the append-only history.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BookingWindow::Table)
                    .col(big_integer(BookingWindow::LocationId).primary_key())
                    .col(integer(BookingWindow::OpensDaysAhead))
                    .col(integer(BookingWindow::ClosesDaysBefore))
                    .col(time(BookingWindow::ClosesAt))
                    .col(integer(BookingWindow::FewSeats))
                    .col(integer(BookingWindow::FewPercent))
                    .col(integer(BookingWindow::HoldMinutes))
                    .col(integer(BookingWindow::PhoneQuotaReleaseHours))
                    .col(integer(BookingWindow::MaxPartySize))
                    .col(timestamp_with_time_zone(BookingWindow::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BookingWindow::Table, BookingWindow::LocationId)
                            .to(Location::Table, Location::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(WeeklyTemplate::Table)
                    .col(big_pk_auto(WeeklyTemplate::Id))
                    .col(big_integer(WeeklyTemplate::LocationId))
                    .col(string_len(WeeklyTemplate::Name, 64))
                    .col(date(WeeklyTemplate::ValidFrom))
                    .col(date_null(WeeklyTemplate::ValidTo))
                    .col(text(WeeklyTemplate::DaysJson))
                    .col(timestamp_with_time_zone(WeeklyTemplate::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WeeklyTemplate::Table, WeeklyTemplate::LocationId)
                            .to(Location::Table, Location::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DayOverride::Table)
                    .col(big_pk_auto(DayOverride::Id))
                    .col(big_integer(DayOverride::LocationId))
                    .col(date(DayOverride::Date))
                    .col(boolean(DayOverride::Closed))
                    .col(string_len(DayOverride::Label, 64))
                    .col(text(DayOverride::BandsJson))
                    .col(timestamp_with_time_zone(DayOverride::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DayOverride::Table, DayOverride::LocationId)
                            .to(Location::Table, Location::Id),
                    )
                    .index(
                        Index::create()
                            .name("ux_day_override_location_date")
                            .col(DayOverride::LocationId)
                            .col(DayOverride::Date)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;

        // `taken` counts the seats of booked party members plus live holds. Booking is one
        // conditional UPDATE of this counter; the CHECK is the last line against overbooking.
        manager
            .create_table(
                Table::create()
                    .table(Slot::Table)
                    .col(big_pk_auto(Slot::Id))
                    .col(big_integer(Slot::LocationId))
                    .col(date(Slot::Date))
                    .col(time(Slot::StartTime))
                    .col(time(Slot::EndTime))
                    .col(integer(Slot::Capacity))
                    .col(integer(Slot::PhoneQuota).default(0))
                    .col(integer(Slot::Taken).default(0))
                    .col(integer(Slot::TakenWeb).default(0))
                    .check(Expr::col(Slot::Taken).lte(Expr::col(Slot::Capacity)))
                    .check(Expr::col(Slot::Taken).gte(0))
                    .check(Expr::col(Slot::TakenWeb).gte(0))
                    .check(Expr::col(Slot::TakenWeb).lte(Expr::col(Slot::Taken)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Slot::Table, Slot::LocationId)
                            .to(Location::Table, Location::Id),
                    )
                    .index(
                        Index::create()
                            .name("ux_slot_location_date_start")
                            .col(Slot::LocationId)
                            .col(Slot::Date)
                            .col(Slot::StartTime)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Hold::Table)
                    .col(string_len(Hold::Id, 36).primary_key())
                    .col(big_integer(Hold::SlotId))
                    .col(integer(Hold::Units))
                    .col(string_len(Hold::Channel, 16))
                    .col(timestamp_with_time_zone(Hold::ExpiresAt))
                    .col(timestamp_with_time_zone(Hold::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Hold::Table, Hold::SlotId)
                            .to(Slot::Table, Slot::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_hold_expires_at")
                    .table(Hold::Table)
                    .col(Hold::ExpiresAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FormField::Table)
                    .col(big_pk_auto(FormField::Id))
                    .col(string_len_uniq(FormField::Key, 32))
                    .col(string_len(FormField::LabelJa, 64))
                    .col(string_len(FormField::LabelEn, 64))
                    .col(string_len(FormField::Kind, 16))
                    .col(boolean(FormField::Required))
                    .col(integer(FormField::SortOrder))
                    .col(boolean(FormField::Active).default(true))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Reservation::Table)
                    .col(big_pk_auto(Reservation::Id))
                    .col(string_len_uniq(Reservation::Number, 16))
                    .col(big_integer(Reservation::LocationId))
                    .col(big_integer(Reservation::SlotId))
                    .col(string_len(Reservation::Status, 16))
                    .col(string_len(Reservation::Channel, 16))
                    .col(string_len(Reservation::Language, 8))
                    .col(integer(Reservation::Units))
                    .col(text(Reservation::ContactJson))
                    .col(string_len_null(Reservation::Name, 200))
                    .col(string_len_null(Reservation::NameKana, 200))
                    .col(string_len_null(Reservation::PhoneDigits, 16))
                    .col(string_len_null(Reservation::Email, 254))
                    .col(string_len_null(Reservation::IdempotencyKey, 128).unique_key())
                    .col(string_len_null(Reservation::RequestFingerprint, 64))
                    .col(timestamp_with_time_zone(Reservation::CreatedAt))
                    .col(timestamp_with_time_zone(Reservation::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reservation::Table, Reservation::LocationId)
                            .to(Location::Table, Location::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reservation::Table, Reservation::SlotId)
                            .to(Slot::Table, Slot::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("ix_reservation_slot", Reservation::SlotId),
            ("ix_reservation_phone", Reservation::PhoneDigits),
            ("ix_reservation_email", Reservation::Email),
            ("ix_reservation_name_kana", Reservation::NameKana),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Reservation::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ReservationMember::Table)
                    .col(big_pk_auto(ReservationMember::Id))
                    .col(big_integer(ReservationMember::ReservationId))
                    .col(big_integer(ReservationMember::ProcedureId))
                    .col(string_len(ReservationMember::Name, 200))
                    .col(integer(ReservationMember::Units))
                    .col(integer(ReservationMember::Position))
                    .col(timestamp_with_time_zone_null(ReservationMember::RemovedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReservationMember::Table, ReservationMember::ReservationId)
                            .to(Reservation::Table, Reservation::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReservationMember::Table, ReservationMember::ProcedureId)
                            .to(Procedure::Table, Procedure::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_reservation_member_reservation")
                    .table(ReservationMember::Table)
                    .col(ReservationMember::ReservationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReservationHistory::Table)
                    .col(big_pk_auto(ReservationHistory::Id))
                    .col(big_integer(ReservationHistory::ReservationId))
                    .col(string_len(ReservationHistory::Action, 32))
                    .col(string_len(ReservationHistory::ActorKind, 16))
                    .col(big_integer_null(ReservationHistory::ActorStaffId))
                    .col(string_len(ReservationHistory::Channel, 16))
                    .col(timestamp_with_time_zone(ReservationHistory::At))
                    .col(text_null(ReservationHistory::BeforeJson))
                    .col(text_null(ReservationHistory::AfterJson))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReservationHistory::Table, ReservationHistory::ReservationId)
                            .to(Reservation::Table, Reservation::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("ix_history_reservation", ReservationHistory::ReservationId),
            ("ix_history_at", ReservationHistory::At),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(ReservationHistory::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(RateLimit::Table)
                    .col(string_len(RateLimit::Key, 200).primary_key())
                    .col(timestamp_with_time_zone(RateLimit::WindowStart))
                    .col(integer(RateLimit::Hits))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RateLimit::Table.into_iden(),
            ReservationHistory::Table.into_iden(),
            ReservationMember::Table.into_iden(),
            Reservation::Table.into_iden(),
            FormField::Table.into_iden(),
            Hold::Table.into_iden(),
            Slot::Table.into_iden(),
            DayOverride::Table.into_iden(),
            WeeklyTemplate::Table.into_iden(),
            BookingWindow::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Location {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Procedure {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum BookingWindow {
    Table,
    LocationId,
    OpensDaysAhead,
    ClosesDaysBefore,
    ClosesAt,
    FewSeats,
    FewPercent,
    HoldMinutes,
    PhoneQuotaReleaseHours,
    MaxPartySize,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WeeklyTemplate {
    Table,
    Id,
    LocationId,
    Name,
    ValidFrom,
    ValidTo,
    DaysJson,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DayOverride {
    Table,
    Id,
    LocationId,
    Date,
    Closed,
    Label,
    BandsJson,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Slot {
    Table,
    Id,
    LocationId,
    Date,
    StartTime,
    EndTime,
    Capacity,
    PhoneQuota,
    Taken,
    TakenWeb,
}

#[derive(DeriveIden)]
enum Hold {
    Table,
    Id,
    SlotId,
    Units,
    Channel,
    ExpiresAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FormField {
    Table,
    Id,
    Key,
    LabelJa,
    LabelEn,
    Kind,
    Required,
    SortOrder,
    Active,
}

#[derive(DeriveIden)]
enum Reservation {
    Table,
    Id,
    Number,
    LocationId,
    SlotId,
    Status,
    Channel,
    Language,
    Units,
    ContactJson,
    Name,
    NameKana,
    PhoneDigits,
    Email,
    IdempotencyKey,
    RequestFingerprint,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReservationMember {
    Table,
    Id,
    ReservationId,
    ProcedureId,
    Name,
    Units,
    Position,
    RemovedAt,
}

#[derive(DeriveIden)]
enum ReservationHistory {
    Table,
    Id,
    ReservationId,
    Action,
    ActorKind,
    ActorStaffId,
    Channel,
    At,
    BeforeJson,
    AfterJson,
}

#[derive(DeriveIden)]
enum RateLimit {
    Table,
    Key,
    WindowStart,
    Hits,
}
