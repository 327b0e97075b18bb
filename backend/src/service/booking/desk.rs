//! What the booking use cases are given: the city's limits, the shared parts a new booking
//! works with, and who asks.

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::reservation::Reservation;
use madoguchi_shared::dto::schedule::BookingWindow;
use madoguchi_shared::reservation_number::ReservationNumber;
use sea_orm::DatabaseConnection;

use crate::config::ClientLimits;
use crate::mail::Notifier;
use crate::service::actor::Actor;
use crate::service::error::ServiceError;
use crate::service::location_plan::booking_window;
use crate::service::reservations;
use crate::service::settings_cache::SettingsCache;

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

/// What a change to an existing reservation works with: the pool, the mail writer, who
/// changes it, and when.
#[derive(Clone, Copy, Debug)]
pub struct ChangeDesk<'a> {
    /// The connection pool.
    pub db: &'a DatabaseConnection,
    /// Writes the change mail in the change's transaction.
    pub notifier: &'a Notifier,
    /// The citizen, or the member of staff.
    pub actor: Actor,
    /// Now.
    pub now: DateTime<Utc>,
}

/// A reservation about to change, as read before its transaction.
pub(super) struct Opening {
    pub(super) reservation_id: i64,
    pub(super) location_id: i64,
    pub(super) window: BookingWindow,
}

impl ChangeDesk<'_> {
    /// The id of the reservation `number` names, or 404.
    pub(super) async fn find(&self, number: &ReservationNumber) -> Result<i64, ServiceError> {
        Ok(reservations::find_by_number(self.db, number.as_str())
            .await?
            .id)
    }

    /// Where a change of a booking's band or party begins: the reservation's id and the
    /// booking window of its location, read before the transaction (which locks the row and
    /// checks against what it locked).
    pub(super) async fn open(&self, number: &ReservationNumber) -> Result<Opening, ServiceError> {
        let row = reservations::find_by_number(self.db, number.as_str()).await?;
        let window = booking_window(self.db, row.location_id).await?;
        Ok(Opening {
            reservation_id: row.id,
            location_id: row.location_id,
            window,
        })
    }

    /// The reservation as it stands after the change.
    pub(super) async fn current(&self, reservation_id: i64) -> Result<Reservation, ServiceError> {
        reservations::current(self.db, reservation_id).await
    }
}
