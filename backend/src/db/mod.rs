//! Persistence: the database connection and the entities, one module per table.

pub mod audit_event;
pub mod booking_window;
pub mod call_record;
pub mod constraints;
pub mod contract_export;
pub mod day_override;
pub mod form_field;
pub mod hold;
pub mod inquiry;
pub mod job_run;
pub mod location;
pub mod notice;
pub mod outbox;
pub mod procedure;
pub mod rate_limit;
pub mod rate_limits;
pub mod report_snapshot;
pub mod reservation;
pub mod reservation_history;
pub mod reservation_member;
pub mod slot;
pub mod staff_account;
pub mod staff_accounts;
pub mod transaction;
pub mod weekly_template;

use std::time::Duration;

use madoguchi_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbErr, Statement,
};

use crate::config::Settings;

/// Opens the connection pool described by the settings.
///
/// SQLite runs in WAL mode with a busy timeout so readers never block the single writer,
/// and with foreign keys enforced. `synchronous=FULL` keeps every committed booking across
/// a power loss, at some cost in write throughput (see README).
pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(settings.database_url.expose().to_owned());
    options
        .max_connections(settings.database_max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    if let Some(schema) = &settings.database_schema {
        options.set_schema_search_path(schema.clone());
    }
    // A replica starting while another migrates a fresh SQLite file may be told "database
    // is locked" while opening it (setting WAL mode needs the file to itself, and SQLite
    // answers that at once instead of waiting): it tries again until the other is done.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        match Database::connect(options.clone()).await {
            Err(error)
                if std::time::Instant::now() < deadline
                    && transaction::database_code(&error)
                        .and_then(|code| code.parse::<i64>().ok())
                        .is_some_and(|code| matches!(code & 0xff, 5 | 6)) =>
            {
                tracing::info!(%error, "the database is busy; connecting again shortly");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            outcome => return outcome,
        }
    }
}

/// Applies every pending migration, under a lock, in one transaction: replicas starting
/// together on a fresh database take turns, and the second finds the work done. PostgreSQL
/// takes a transaction-scoped advisory lock; SQLite's writing transaction holds the file's
/// write lock.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = transaction::begin_writing(db).await?;
    lock_for_startup(&txn).await?;
    Migrator::up(&txn, None).await?;
    txn.commit().await
}

/// Makes the start-up work of replicas starting together (migrations, the demo catalog,
/// the first administrator) take turns: a PostgreSQL advisory lock held until `txn` ends;
/// on SQLite, the writing transaction already holds the file's write lock.
pub async fn lock_for_startup(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    /// The advisory lock's key: "madoguchi start" in ASCII, fitted to 64 bits.
    const STARTUP_LOCK: i64 = 0x6d61_646f_7374_6172;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [STARTUP_LOCK.into()],
        ))
        .await?;
    }
    Ok(())
}
