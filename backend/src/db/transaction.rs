//! Transactions that write: begun so that SQLite takes its write lock up front, and retried
//! a bounded number of times when the database says the failure was transient. Generic over
//! the caller's error type, so this layer knows no error of the layers above it.

use sea_orm::{
    DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr, IsolationLevel, RuntimeErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// How often a transaction is run before a transient failure is given up on.
const MAX_ATTEMPTS: u32 = 4;

/// Begins a transaction whose reads all see one moment, however long they take and whatever
/// commits meanwhile, and which may write at its end: REPEATABLE READ on PostgreSQL; on
/// SQLite the write lock from BEGIN, which holds writers off until it ends.
pub async fn begin_snapshot(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.begin_with_options(TransactionOptions {
                isolation_level: Some(IsolationLevel::RepeatableRead),
                ..Default::default()
            })
            .await
        }
        _ => begin_writing(db).await,
    }
}

/// Begins a transaction that will write. SQLite takes the write lock at BEGIN (IMMEDIATE),
/// so a transaction that reads first never fails to upgrade its lock later; PostgreSQL
/// ignores the mode.
pub async fn begin_writing(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// An error that may carry the database's own error, so a transaction that failed can tell
/// whether running it again may succeed.
pub trait FromDatabase: From<DbErr> {
    /// The database's error behind this one, if any.
    fn database_error(&self) -> Option<&DbErr>;
}

/// Runs `work` in a writing transaction, committing on success, and runs it again (up to
/// four times in all) when it failed transiently.
pub async fn in_transaction<T, E, F>(db: &DatabaseConnection, mut work: F) -> Result<T, E>
where
    E: FromDatabase,
    F: AsyncFnMut(&DatabaseTransaction) -> Result<T, E>,
{
    let mut attempt = 1;
    loop {
        let txn = begin_writing(db).await?;
        let outcome = match work(&txn).await {
            Ok(value) => txn.commit().await.map(|()| value).map_err(E::from),
            Err(error) => {
                let _ = txn.rollback().await;
                Err(error)
            }
        };
        match outcome {
            Err(error)
                if attempt < MAX_ATTEMPTS && error.database_error().is_some_and(is_transient) =>
            {
                attempt += 1
            }
            other => return other,
        }
    }
}

/// Whether a failure may succeed when the transaction runs again, by the database's own
/// error code: PostgreSQL's serialization failure (40001) and deadlock (40P01), SQLite's
/// busy and locked (5, 6, and their extended codes).
pub fn is_transient(error: &DbErr) -> bool {
    database_code(error).is_some_and(|code| {
        matches!(code.as_str(), "40001" | "40P01")
            || code
                .parse::<i64>()
                .is_ok_and(|code| matches!(code & 0xff, 5 | 6))
    })
}

/// The database's error code (SQLSTATE on PostgreSQL, the result code on SQLite).
pub fn database_code(error: &DbErr) -> Option<String> {
    let runtime = match error {
        DbErr::Exec(runtime) | DbErr::Query(runtime) | DbErr::Conn(runtime) => runtime,
        _ => return None,
    };
    match runtime {
        RuntimeErr::SqlxError(error) => error
            .as_database_error()
            .and_then(|error| error.code())
            .map(|code| code.into_owned()),
        _ => None,
    }
}
