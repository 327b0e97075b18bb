//! Seat holds: a citizen's seats kept for a few minutes while they fill in the form.

use chrono::{DateTime, Duration, Utc};
use madoguchi_shared::dto::reservation::{ActorKind, HoldRequest};
use madoguchi_shared::error::FieldErrorCode;
use sea_orm::DatabaseConnection;

use super::desk::Requester;
use super::rules::{check_actor_window, now_in_japan, to_i32};
use crate::config::ClientLimits;
use crate::db::transaction::{begin_writing, in_transaction};
use crate::service::availability::phone_quota_released;
use crate::service::booking::error::BookingError;
use crate::service::error::ServiceError;
use crate::service::ledger::{self, Seats, band_slot};
use crate::service::limits;
use crate::service::location_plan::{booking_window, ensure_location, load_plan};

/// A seat hold as the API returns it.
#[derive(Clone, Debug)]
pub struct HeldSeats {
    /// Send this as `hold_id` when booking.
    pub id: String,
    /// When the seats go back.
    pub expires_at: DateTime<Utc>,
}

/// Holds seats in a band while the citizen fills in the form (仮押さえ): at most one party's,
/// and for a citizen within the per-client limits (a few bands at a time, so many an hour).
pub async fn hold_seats(
    db: &DatabaseConnection,
    requester: Requester<'_>,
    request: &HoldRequest,
    limits: ClientLimits,
    now: DateTime<Utc>,
) -> Result<HeldSeats, ServiceError> {
    let HoldRequest {
        location_id,
        date,
        start,
        seats,
    } = request.clone();
    ensure_location(db, location_id).await?;
    let window = booking_window(db, location_id).await?;
    if seats == 0 || seats > window.max_party_size {
        return Err(ServiceError::invalid_field(
            "seats",
            FieldErrorCode::OutOfRange,
            format!("must be 1 to {}, one party", window.max_party_size),
        ));
    }
    let plan = load_plan(db, location_id, date, date).await?;
    let band = plan
        .band_at(date, start)
        .cloned()
        .ok_or(BookingError::SlotNotOffered)?;
    let band_start = date.and_time(band.start);
    check_actor_window(requester.actor, band_start, &window, now)?;
    let citizen = requester.actor.kind() == ActorKind::Citizen;
    if citizen {
        limits::count_hold(db, requester.client, limits, now).await?;
    }
    let holder = citizen.then_some(requester.client);
    let seats = Seats {
        units: to_i32(seats),
        channel: requester.actor.channel(),
        released: phone_quota_released(now_in_japan(now), band_start, &window),
    };
    let expires_at = now + Duration::minutes(i64::from(window.hold_minutes));
    let held = in_transaction(db, async |txn| {
        if let Some(client) = holder {
            limits::ensure_room_for_a_hold(txn, client, limits, now).await?;
        }
        let slot = band_slot(txn, location_id, date, &band).await?;
        ledger::hold(txn, &slot, seats, holder, expires_at, now).await
    })
    .await?;
    Ok(HeldSeats {
        id: held.id,
        expires_at: held.expires_at,
    })
}

/// Gives held seats back early (the citizen went back or chose another band).
pub async fn release_hold(db: &DatabaseConnection, hold_id: &str) -> Result<(), ServiceError> {
    in_transaction(db, async |txn| {
        if ledger::release_hold(txn, hold_id, None).await? {
            Ok(())
        } else {
            Err(ServiceError::NotFound("The hold".to_owned()))
        }
    })
    .await
}

/// Gives back the seats of every expired hold, in one transaction. Safe with several
/// replicas: a hold's seats are freed only by whoever deletes its row.
pub async fn sweep_expired_holds(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    // Spelled out rather than through `in_transaction`, so that the future stays `Send` for
    // the sweeper's task; a failed sweep is simply tried again at the next tick.
    let txn = begin_writing(db).await?;
    let freed = ledger::sweep_expired_holds(&txn, None, now).await?;
    txn.commit().await?;
    Ok(freed)
}
