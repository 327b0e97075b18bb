//! Moving a reservation to another band, and cancelling it.

use madoguchi_shared::dto::reservation::Reservation;
use madoguchi_shared::dto::reservation::{ChangeSlotRequest, ReservationStatus};
use madoguchi_shared::error::FieldErrorCode;
use madoguchi_shared::reservation_number::ReservationNumber;
use madoguchi_shared::schedule::OutsideWindow;
use sea_orm::{ActiveModelTrait, Set};

use super::desk::{ChangeDesk, Opening};
use super::history::{Author, record_change, snapshot};
use super::rules::{check_actor_window, now_in_japan, start_of, window_error};
use crate::db::reservation;
use crate::db::transaction::in_transaction;
use crate::mail::templates::MailKind;
use crate::service::availability::phone_quota_released;
use crate::service::booking::error::BookingError;
use crate::service::error::ServiceError;
use crate::service::ledger::{self, band_slot};
use crate::service::location_plan::load_plan;

/// Moves a reservation to another band atomically: it ends up in exactly one of the two
/// (invariant 4). Citizens may do so within the booking window (R7.4-ク), for the band it
/// leaves and the band it goes to, both as they are when the reservation is locked.
pub async fn change_slot(
    desk: ChangeDesk<'_>,
    number: &ReservationNumber,
    request: ChangeSlotRequest,
) -> Result<Reservation, ServiceError> {
    let ChangeDesk {
        db,
        notifier,
        actor,
        now,
    } = desk;
    let Opening {
        reservation_id,
        location_id,
        window,
    } = desk.open(number).await?;
    let plan = load_plan(db, location_id, request.date, request.date).await?;
    let band = plan
        .band_at(request.date, request.start)
        .cloned()
        .ok_or(BookingError::SlotNotOffered)?;
    let start = request.date.and_time(band.start);
    check_actor_window(actor, start, &window, now)?;
    let released = phone_quota_released(now_in_japan(now), start, &window);

    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        if locked.row().location_id != location_id {
            return Err(ServiceError::Conflict(
                "The reservation was changed meanwhile; reload it.".to_owned(),
            ));
        }
        check_actor_window(actor, start_of(&locked), &window, now)?;
        if (request.date, band.start) == (locked.slot().date, locked.slot().start_time) {
            return Err(ServiceError::invalid_field(
                "start",
                FieldErrorCode::Unchanged,
                "is the reservation's current band",
            ));
        }
        let before = snapshot(txn, locked.row()).await?;
        let new_slot = band_slot(txn, location_id, request.date, &band).await?;
        ledger::move_to(txn, &locked, &new_slot, released, now).await?;
        let moved = reservation::ActiveModel {
            id: Set(locked.row().id),
            slot_id: Set(new_slot.model().id),
            updated_at: Set(now),
            ..Default::default()
        }
        .update(txn)
        .await?;
        record_change(
            txn,
            notifier,
            &moved,
            "change",
            MailKind::Changed,
            Author { actor, at: now },
            before,
        )
        .await
    })
    .await?;
    tracing::info!(reservation_id, "reservation moved to another band");
    desk.current(reservation_id).await
}

/// Cancels a reservation and frees its seats in the band it is in now. Citizens may cancel
/// until the band starts.
pub async fn cancel(
    desk: ChangeDesk<'_>,
    number: &ReservationNumber,
) -> Result<Reservation, ServiceError> {
    let ChangeDesk {
        db,
        notifier,
        actor,
        now,
    } = desk;
    let reservation_id = desk.find(number).await?;
    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        if start_of(&locked) <= now_in_japan(now) && actor.bound_by_window() {
            return Err(window_error(OutsideWindow::Past));
        }
        let before = snapshot(txn, locked.row()).await?;
        ledger::cancel(txn, &locked).await?;
        let cancelled = reservation::ActiveModel {
            id: Set(locked.row().id),
            status: Set(ReservationStatus::Cancelled.as_str().to_owned()),
            ..Default::default()
        }
        .update(txn)
        .await?;
        record_change(
            txn,
            notifier,
            &cancelled,
            "cancel",
            MailKind::Cancelled,
            Author { actor, at: now },
            before,
        )
        .await
    })
    .await?;
    tracing::info!(reservation_id, "reservation cancelled");
    desk.current(reservation_id).await
}
