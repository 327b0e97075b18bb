//! Per-client limits on what citizens can take without an account: how many bands one
//! client holds at a time, and how many holds and bookings it makes in an hour. Counted in
//! the database the replicas share, so no replica can be used to go around them. A client is
//! the key `crate::client` derives from its address (an IPv6 /64 counts as one).
//!
//! Sized for carrier-grade NAT: many citizens on one mobile carrier may come from one IPv4
//! address at the minute the booking window opens, so the defaults leave room for several
//! families at once (README, "Per-client limits"); staff are never limited.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Statement,
};
use sha2::{Digest, Sha256};

use crate::auth::error::AccessError;
use crate::config::ClientLimits;
use crate::db::hold;
use crate::db::rate_limits::{RateLimitMutation, RateLimitQuery};
use crate::service::error::ServiceError;

/// Counts one request against a fixed window shared by every replica; fails once `limit`
/// requests have been seen in the current window.
pub async fn rate_limit(
    db: &impl ConnectionTrait,
    key: &str,
    limit: i32,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let window_start_after = now - window;
    if !RateLimitMutation::count_in_window(db, key, window_start_after).await? {
        RateLimitMutation::start_window(db, key, now).await?;
        // The first hit of a window is refused only by a limit of nothing.
        return if limit < 1 {
            Err(AccessError::RateLimited {
                retry_after_seconds: window.num_seconds(),
            }
            .into())
        } else {
            Ok(())
        };
    }
    match RateLimitQuery::find(db, key).await? {
        Some(row) if row.hits > limit => Err(AccessError::RateLimited {
            retry_after_seconds: (row.window_start + window - now).num_seconds(),
        }
        .into()),
        _ => Ok(()),
    }
}

fn hourly(limit: u32) -> i32 {
    i32::try_from(limit).unwrap_or(i32::MAX)
}

/// Counts a hold against the client's hourly allowance.
pub async fn count_hold(
    db: &impl ConnectionTrait,
    client: &str,
    limits: ClientLimits,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    rate_limit(
        db,
        &format!("hold:{client}"),
        hourly(limits.holds_per_hour),
        Duration::hours(1),
        now,
    )
    .await
}

/// Counts a booking against the client's hourly allowance.
pub async fn count_booking(
    db: &impl ConnectionTrait,
    client: &str,
    limits: ClientLimits,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    rate_limit(
        db,
        &format!("booking:{client}"),
        hourly(limits.bookings_per_hour),
        Duration::hours(1),
        now,
    )
    .await
}

/// Refuses a new hold while the client already holds `live_holds` bands, telling it when
/// the first of them lapses. Runs in the hold's transaction with the client's key locked
/// (an advisory lock on PostgreSQL; SQLite admits one writer), so racing holds cannot all
/// see room for one more.
pub async fn ensure_room_for_a_hold(
    txn: &DatabaseTransaction,
    client: &str,
    limits: ClientLimits,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        let digest = Sha256::digest(format!("hold-client:{client}"));
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [i64::from_be_bytes(first).into()],
        ))
        .await?;
    }
    let live = hold::Entity::find()
        .filter(hold::Column::ClientKey.eq(client))
        .filter(hold::Column::ExpiresAt.gt(now))
        .order_by_asc(hold::Column::ExpiresAt)
        .all(txn)
        .await?;
    if live.len() < limits.live_holds as usize {
        return Ok(());
    }
    let first_lapses = live.first().map_or(now, |held| held.expires_at);
    Err(AccessError::RateLimited {
        retry_after_seconds: (first_lapses - now).num_seconds(),
    }
    .into())
}

/// How many times `key` was counted in its current window (0 once the window has passed).
pub async fn hits(
    db: &impl ConnectionTrait,
    key: &str,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    Ok(RateLimitQuery::find(db, key)
        .await?
        .filter(|row| row.window_start + window > now)
        .map_or(0, |row| row.hits))
}

/// Counts one more for `key` in its window, whatever the count.
pub async fn count(
    db: &impl ConnectionTrait,
    key: &str,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    rate_limit(db, key, i32::MAX, window, now).await
}

/// Forgets the count of `key`.
pub async fn forget(db: &impl ConnectionTrait, key: &str) -> Result<(), ServiceError> {
    Ok(RateLimitMutation::forget(db, key).await?)
}

/// A fixed-length key for counting something about `parts` (a login id and a client), so
/// that nothing a client typed is stored as it was typed.
pub fn hashed_key(prefix: &str, parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update(b"\0");
    }
    let digest: String = hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{prefix}:{digest}")
}
