//! Whether a queued reminder is still true when the worker comes to send it.

use chrono::NaiveDate;
use madoguchi_shared::dto::reservation::ReservationStatus;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::db::{outbox, reservation, slot};
use crate::mail::error::MailError;

/// The dedupe key of the reminder of one reservation for one visit day: a reservation moved
/// to another day gets a reminder for the new day, never two for one.
pub fn reminder_key(reservation_id: i64, visit: NaiveDate) -> String {
    format!("reminder:{reservation_id}:{visit}")
}
/// Whether a queued reminder is still true: its reservation still booked on that day.
pub async fn reminder_still_due(
    db: &impl ConnectionTrait,
    mail: &outbox::Model,
) -> Result<bool, MailError> {
    let (Some(reservation_id), Some(key)) = (mail.reservation_id, mail.dedupe_key.as_deref())
    else {
        return Ok(false);
    };
    let Some(row) = reservation::Entity::find_by_id(reservation_id)
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    if row.status != ReservationStatus::Booked.as_str() {
        return Ok(false);
    }
    let Some(slot) = slot::Entity::find_by_id(row.slot_id).one(db).await? else {
        return Ok(false);
    };
    Ok(key == reminder_key(reservation_id, slot.date))
}
