//! Database schema migrations. The same migrations run on SQLite and PostgreSQL.
//!
//! A migration is never edited once merged; each has a `down`.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_staff_account;
mod m20261126_000002_create_location_and_procedure;
mod m20261126_000003_create_booking_tables;
mod m20261126_000004_add_reservation_notice_number;
mod m20261126_000005_create_notice;
mod m20261126_000006_create_outbox;
mod m20261126_000007_create_job_run;
mod m20261126_000008_create_inquiry_and_reports;
mod m20261128_000009_harden_booking_core;
mod m20261129_000010_secure_staff_sessions_and_audit;

/// Every migration, in order.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_staff_account::Migration),
            Box::new(m20261126_000002_create_location_and_procedure::Migration),
            Box::new(m20261126_000003_create_booking_tables::Migration),
            Box::new(m20261126_000004_add_reservation_notice_number::Migration),
            Box::new(m20261126_000005_create_notice::Migration),
            Box::new(m20261126_000006_create_outbox::Migration),
            Box::new(m20261126_000007_create_job_run::Migration),
            Box::new(m20261126_000008_create_inquiry_and_reports::Migration),
            Box::new(m20261128_000009_harden_booking_core::Migration),
            Box::new(m20261129_000010_secure_staff_sessions_and_audit::Migration),
        ]
    }
}
