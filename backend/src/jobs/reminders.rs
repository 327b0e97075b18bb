//! The day-before reminders (R7.4-コ).

use chrono::{Days, NaiveDate};
use madoguchi_shared::dto::reservation::ReservationStatus;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, RelationTrait,
};

use crate::db::constraints::{UniqueKey, Violation, violation};
use crate::db::{outbox, reservation, slot};
use crate::mail::Notifier;
use crate::mail::error::MailError;
use crate::mail::reminders::reminder_key;
use crate::mail::templates::MailKind;
use crate::service::error::ServiceError;
use crate::service::reservations;

/// Queues the day-before reminder (R7.4-コ) of every booked reservation on `visit` that has
/// an address. Each reminder is queued at most once (its dedupe key is unique).
pub async fn queue_reminders(
    db: &DatabaseConnection,
    notifier: &Notifier,
    visit: NaiveDate,
) -> Result<usize, ServiceError> {
    let due = reservation::Entity::find()
        .join(
            sea_orm::JoinType::InnerJoin,
            reservation::Relation::Slot.def(),
        )
        .filter(slot::Column::Date.eq(visit))
        .filter(reservation::Column::Status.eq(ReservationStatus::Booked.as_str()))
        .filter(reservation::Column::Email.is_not_null())
        .all(db)
        .await?;
    let mut queued = 0;
    for row in due {
        let key = reminder_key(row.id, visit);
        let known = outbox::Entity::find()
            .filter(outbox::Column::DedupeKey.eq(key.as_str()))
            .one(db)
            .await?
            .is_some();
        if known {
            continue;
        }
        let view = reservations::to_dto(db, row.clone()).await?;
        match notifier
            .enqueue(db, MailKind::Reminder, &row, &view, Some(key))
            .await
        {
            Ok(()) => queued += 1,
            // Another replica queued it meanwhile.
            Err(MailError::Database(error))
                if violation(&error) == Some(Violation::Unique(UniqueKey::MailDedupeKey)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(queued)
}

/// The day after `today`.
pub fn tomorrow(today: NaiveDate) -> NaiveDate {
    today.checked_add_days(Days::new(1)).unwrap_or(today)
}
