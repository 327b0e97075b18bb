//! Adding a member to a party, and removing one.

use madoguchi_shared::dto::reservation::PartyMemberInput;
use madoguchi_shared::dto::reservation::Reservation;
use madoguchi_shared::error::FieldErrorCode;
use madoguchi_shared::reservation_number::ReservationNumber;
use madoguchi_shared::validate::Violations;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use super::desk::{ChangeDesk, Opening};
use super::history::{Author, record_change, snapshot};
use super::rules::{check_actor_window, member_errors, now_in_japan, start_of, validate_party};
use crate::db::transaction::in_transaction;
use crate::db::{procedure, reservation, reservation_member};
use crate::mail::templates::MailKind;
use crate::service::availability::phone_quota_released;
use crate::service::error::ServiceError;
use crate::service::ledger::{self};

/// Adds a family member to a reservation, in the band it is in now (R7.4-ク, カ). The party
/// size is counted with the reservation locked, so racing additions cannot pass the limit.
pub async fn add_member(
    desk: ChangeDesk<'_>,
    number: &ReservationNumber,
    member: PartyMemberInput,
) -> Result<Reservation, ServiceError> {
    let ChangeDesk {
        db,
        notifier,
        actor,
        now,
    } = desk;
    let Opening {
        reservation_id,
        window,
        ..
    } = desk.open(number).await?;
    let procedures = procedure::Entity::find().all(db).await?;
    let mut violations = Violations::default();
    let party = validate_party(
        &procedures,
        std::slice::from_ref(&member),
        &window,
        &mut violations,
    );
    violations.into_result().map_err(member_errors)?;
    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        let start = start_of(&locked);
        check_actor_window(actor, start, &window, now)?;
        let present = present_members(txn, locked.row().id).await?;
        if present.len() >= window.max_party_size as usize {
            return Err(ServiceError::invalid_field(
                "members",
                FieldErrorCode::OutOfRange,
                format!("a party has at most {} people", window.max_party_size),
            ));
        }
        let before = snapshot(txn, locked.row()).await?;
        let released = phone_quota_released(now_in_japan(now), start, &window);
        ledger::add_units(txn, &locked, party.seats, released, now).await?;
        let (member, units) = &party.members[0];
        reservation_member::ActiveModel {
            reservation_id: Set(locked.row().id),
            procedure_id: Set(member.procedure_id),
            name: Set(member.name.clone()),
            units: Set(*units),
            position: Set(present
                .iter()
                .map(|member| member.position)
                .max()
                .unwrap_or(0)
                + 1),
            removed_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let updated = reservation::ActiveModel {
            id: Set(locked.row().id),
            units: Set(locked.row().units + party.seats),
            ..Default::default()
        }
        .update(txn)
        .await?;
        record_change(
            txn,
            notifier,
            &updated,
            "member_add",
            MailKind::MemberAdded,
            Author { actor, at: now },
            before,
        )
        .await
    })
    .await?;
    desk.current(reservation_id).await
}

/// The members of a reservation who have not been removed.
async fn present_members(
    txn: &DatabaseTransaction,
    reservation_id: i64,
) -> Result<Vec<reservation_member::Model>, ServiceError> {
    Ok(reservation_member::Entity::find()
        .filter(reservation_member::Column::ReservationId.eq(reservation_id))
        .filter(reservation_member::Column::RemovedAt.is_null())
        .all(txn)
        .await?)
}

/// Removes a member from the party and frees their seats in the band the reservation is in
/// now; the last member cannot be removed (cancel the reservation instead).
pub async fn remove_member(
    desk: ChangeDesk<'_>,
    number: &ReservationNumber,
    member_id: i64,
) -> Result<Reservation, ServiceError> {
    let ChangeDesk {
        db,
        notifier,
        actor,
        now,
    } = desk;
    let Opening {
        reservation_id,
        window,
        ..
    } = desk.open(number).await?;
    in_transaction(db, async |txn| {
        let locked = ledger::lock_booked(txn, reservation_id, now).await?;
        check_actor_window(actor, start_of(&locked), &window, now)?;
        let before = snapshot(txn, locked.row()).await?;
        let members = present_members(txn, locked.row().id).await?;
        let member = members
            .iter()
            .find(|member| member.id == member_id)
            .ok_or_else(|| ServiceError::NotFound("The party member".to_owned()))?;
        if members.len() == 1 {
            return Err(ServiceError::invalid_field(
                "member_id",
                FieldErrorCode::LastMember,
                "the party needs someone; cancel the reservation instead",
            ));
        }
        reservation_member::ActiveModel {
            id: Set(member.id),
            removed_at: Set(Some(now)),
            ..Default::default()
        }
        .update(txn)
        .await?;
        ledger::remove_units(txn, &locked, member.units).await?;
        let updated = reservation::ActiveModel {
            id: Set(locked.row().id),
            units: Set(locked.row().units - member.units),
            ..Default::default()
        }
        .update(txn)
        .await?;
        record_change(
            txn,
            notifier,
            &updated,
            "member_remove",
            MailKind::MemberRemoved,
            Author { actor, at: now },
            before,
        )
        .await
    })
    .await?;
    desk.current(reservation_id).await
}
