//! The history writer: every change leaves a row with who, what, and the reservation before
//! and after (R7.4-エ), and its mail when the reservation has an address.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;

use crate::db::{reservation, reservation_history, reservation_member, slot};
use crate::mail::Notifier;
use crate::mail::templates::MailKind;
use crate::service::actor::Actor;
use crate::service::error::ServiceError;
use crate::service::reservations;

/// The state of a reservation that history records before and after a change.
#[derive(Debug, Serialize)]
pub(super) struct Snapshot {
    pub(super) status: String,
    pub(super) location_id: i64,
    pub(super) date: NaiveDate,
    pub(super) start: String,
    pub(super) members: Vec<SnapshotMember>,
}

#[derive(Debug, Serialize)]
pub(super) struct SnapshotMember {
    pub(super) name: String,
    pub(super) procedure_id: i64,
}

pub(super) async fn snapshot(
    txn: &impl ConnectionTrait,
    reservation: &reservation::Model,
) -> Result<String, ServiceError> {
    let slot = slot::Entity::find_by_id(reservation.slot_id)
        .one(txn)
        .await?
        .ok_or_else(|| {
            ServiceError::Internal(anyhow::anyhow!(
                "reservation {} has no slot",
                reservation.id
            ))
        })?;
    let members = reservation_member::Entity::find()
        .filter(reservation_member::Column::ReservationId.eq(reservation.id))
        .filter(reservation_member::Column::RemovedAt.is_null())
        .all(txn)
        .await?;
    let snapshot = Snapshot {
        status: reservation.status.clone(),
        location_id: reservation.location_id,
        date: slot.date,
        start: slot.start_time.format("%H:%M").to_string(),
        members: members
            .into_iter()
            .map(|member| SnapshotMember {
                name: member.name,
                procedure_id: member.procedure_id,
            })
            .collect(),
    };
    serde_json::to_string(&snapshot).map_err(|error| ServiceError::Internal(error.into()))
}

/// Who makes a change, and when: what every history row records.
#[derive(Clone, Copy, Debug)]
pub(super) struct Author {
    pub(super) actor: Actor,
    pub(super) at: DateTime<Utc>,
}

pub(super) async fn write_history(
    txn: &impl ConnectionTrait,
    reservation_id: i64,
    action: &str,
    by: Author,
    before: Option<String>,
    after: Option<String>,
) -> Result<(), ServiceError> {
    reservation_history::ActiveModel {
        reservation_id: Set(reservation_id),
        action: Set(action.to_owned()),
        actor_kind: Set(by.actor.kind().as_str().to_owned()),
        actor_staff_id: Set(by.actor.staff_id()),
        channel: Set(by.actor.channel().as_str().to_owned()),
        at: Set(by.at),
        before_json: Set(before),
        after_json: Set(after),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Records a change: its history row, and its mail when the reservation has an address.
pub(super) async fn record_change(
    txn: &impl ConnectionTrait,
    notifier: &Notifier,
    row: &reservation::Model,
    action: &str,
    mail: MailKind,
    by: Author,
    before: String,
) -> Result<(), ServiceError> {
    let after = snapshot(txn, row).await?;
    write_history(txn, row.id, action, by, Some(before), Some(after)).await?;
    let reservation = reservations::to_dto(txn, row.clone()).await?;
    notifier.enqueue(txn, mail, row, &reservation, None).await?;
    Ok(())
}
