//! Marking a party visited or absent after its band (R5.4).

use madoguchi_shared::dto::reservation::Reservation;
use madoguchi_shared::dto::reservation::ReservationStatus;
use madoguchi_shared::reservation_number::ReservationNumber;
use sea_orm::{ActiveModelTrait, Set};

use super::desk::ChangeDesk;
use super::history::{Author, snapshot, write_history};
use crate::db::reservation;
use crate::db::transaction::in_transaction;
use crate::service::error::ServiceError;
use crate::service::ledger::{self};

/// Records at the counter that the party came, or did not. The seats stay counted: the
/// band happened with them.
pub async fn record_attendance(
    desk: ChangeDesk<'_>,
    number: &ReservationNumber,
    came: bool,
) -> Result<Reservation, ServiceError> {
    let ChangeDesk {
        db,
        notifier: _,
        actor,
        now,
    } = desk;
    let reservation_id = desk.find(number).await?;
    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        let before = snapshot(txn, locked.row()).await?;
        let status = if came {
            ReservationStatus::Visited
        } else {
            ReservationStatus::NoShow
        };
        let updated = reservation::ActiveModel {
            id: Set(locked.row().id),
            status: Set(status.as_str().to_owned()),
            ..Default::default()
        }
        .update(txn)
        .await?;
        let after = snapshot(txn, &updated).await?;
        let action = if came { "visit" } else { "no_show" };
        write_history(
            txn,
            updated.id,
            action,
            Author { actor, at: now },
            Some(before),
            Some(after),
        )
        .await
    })
    .await?;
    desk.current(reservation_id).await
}
