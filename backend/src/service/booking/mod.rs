//! Booking, changing, cancelling, adding and removing party members, and seat holds: one
//! file per use case, over the seat ledger (`service::ledger`), the history writer
//! (`history`) and the party rules (`rules`).
//!
//! Every mutation is one transaction that (1) locks the reservation it changes (or, for a
//! new booking, the contact keys it counts against), (2) moves seats only through the seat
//! ledger, which derives the band from the locked row, (3) checks the booking window and
//! the "at most N" rules against what it locked, and (4) writes its history row before
//! committing (DESIGN.md invariants 1, 2 and 4). Transient failures (serialization,
//! deadlock, a busy SQLite) run the transaction again a bounded number of times.

mod attendance;
mod change;
mod create;
mod history;
mod holds;
mod members;
mod rules;

use sea_orm::DatabaseConnection;

use crate::config::ClientLimits;
use crate::mail::Notifier;
use crate::service::actor::Actor;
use crate::service::settings_cache::SettingsCache;

pub use attendance::record_attendance;
pub use change::{cancel, change_slot};
pub use create::{Created, create};
pub use holds::{HeldSeats, hold_seats, release_hold, sweep_expired_holds};
pub use members::{add_member, remove_member};

/// Limits the city sets on booking, beyond the per-location window.
#[derive(Clone, Copy, Debug)]
pub struct BookingLimits {
    /// Most active reservations one phone number or email may hold (0: no limit).
    pub max_active_per_contact: u32,
    /// What one client may hold and book without an account.
    pub per_client: ClientLimits,
}

/// What a new booking works with besides the request: the pool, the cached catalog and
/// settings it validates against, the mail writer, and the city's limits.
#[derive(Clone, Copy, Debug)]
pub struct BookingDesk<'a> {
    /// The connection pool.
    pub db: &'a DatabaseConnection,
    /// The catalog and slot settings, briefly cached.
    pub cache: &'a SettingsCache,
    /// Writes the booking mail in the booking's transaction.
    pub notifier: &'a Notifier,
    /// Limits beyond the window.
    pub limits: BookingLimits,
}

/// Who asks: the actor, and for a citizen the key of the client they come from.
#[derive(Clone, Copy, Debug)]
pub struct Requester<'a> {
    /// The citizen, or the member of staff.
    pub actor: Actor,
    /// The client's key (`crate::client::client_key`), for the per-client limits.
    pub client: &'a str,
}
