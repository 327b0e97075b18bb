//! Gives back the seats of holds that lapsed, so the calendar does not show them taken until
//! the next booking in their band. Safe with several replicas: freeing a seat is one
//! conditional update per hold.

use sea_orm::DatabaseConnection;

use crate::clock::Clock;
use crate::service;

/// How often lapsed holds are looked for.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// Starts the sweeper on the runtime: every 30 seconds, until the process ends.
pub fn spawn(db: DatabaseConnection, clock: Clock) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SWEEP_EVERY);
        loop {
            tick.tick().await;
            match service::booking::sweep_expired_holds(&db, clock.now()).await {
                Ok(0) => {}
                Ok(freed) => tracing::info!(freed, "expired holds released"),
                Err(error) => tracing::warn!(%error, "sweeping expired holds failed"),
            }
        }
    });
}
