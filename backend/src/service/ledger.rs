//! The seat ledger: the one module that moves a slot's seat counters.
//!
//! A slot's `taken` is the sum of the units of its reservations that are not cancelled
//! (booked, visited or no-show: a band that happened used its seats) and of its holds;
//! `taken_web` is the web's part of it. Every operation that changes either — booking,
//! changing, cancelling, adding or removing a member, holding, releasing or sweeping holds,
//! cutting a band's capacity, the contract-end purge — is a function here, and it takes the
//! row whose seats it moves as locked inside the caller's transaction:
//!
//! - a [`LockedReservation`] comes only from [`lock_booked`], which locks the reservation
//!   row and then reads the slot the reservation is in *now*;
//! - a [`BandSlot`] comes only from [`slot_for_band`], inside the transaction;
//! - a hold is found by its id inside the transaction and freed only by whoever deletes it.
//!
//! No function takes a slot or a band read earlier, so an operation racing a change of the
//! same reservation can never adjust the band the reservation has just left. Seats are taken
//! with one conditional UPDATE whose limits are the slot row's own columns — never "read,
//! check, write" — and the table's CHECK constraints are the last line behind it.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_shared::dto::reservation::{Channel, ReservationStatus};
use madoguchi_shared::dto::schedule::TimeBand;
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};

use crate::db::{hold, reservation, slot};
use crate::service::booking::error::BookingError;
use crate::service::error::ServiceError;
use crate::service::location_plan::load_plan;
use crate::service::stored::stored;

/// A booked reservation, locked until the transaction ends, with the slot its seats are in
/// as read after the lock.
#[derive(Debug)]
pub struct LockedReservation {
    row: reservation::Model,
    slot: slot::Model,
}

impl LockedReservation {
    /// The reservation as it is now.
    pub fn row(&self) -> &reservation::Model {
        &self.row
    }

    /// The slot holding its seats now.
    pub fn slot(&self) -> &slot::Model {
        &self.slot
    }

    /// The channel its seats were counted for.
    pub fn channel(&self) -> Result<Channel, ServiceError> {
        stored("reservation.channel", &self.row.channel, Channel::parse)
    }
}

/// The slot of one band, inside the transaction that will move its seats.
#[derive(Debug)]
pub struct BandSlot {
    slot: slot::Model,
}

impl BandSlot {
    /// The slot row.
    pub fn model(&self) -> &slot::Model {
        &self.slot
    }
}

/// Seats to take: how many, for which channel, and whether the band's phone quota has been
/// released to the web.
#[derive(Clone, Copy, Debug)]
pub struct Seats {
    /// Units: one per person for most procedures.
    pub units: i32,
    /// Who takes them.
    pub channel: Channel,
    /// Whether the web may use the seats kept for phone bookings.
    pub released: bool,
}

fn web_part(units: i32, channel: Channel) -> i32 {
    if channel == Channel::Web { units } else { 0 }
}

/// Locks a booked reservation for a change: the first write of the transaction touches it,
/// counting one more revision (PostgreSQL holds the row lock until commit, SQLite already
/// holds the write lock), then
/// the reservation and its slot are read as they are now. A reservation that is no longer
/// booked is refused with `ReservationNotChangeable`.
pub async fn lock_booked(
    txn: &DatabaseTransaction,
    reservation_id: i64,
    now: DateTime<Utc>,
) -> Result<LockedReservation, ServiceError> {
    let touched = reservation::Entity::update_many()
        .col_expr(reservation::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            reservation::Column::Revision,
            Expr::col(reservation::Column::Revision).add(1),
        )
        .filter(reservation::Column::Id.eq(reservation_id))
        .filter(reservation::Column::Status.eq(ReservationStatus::Booked.as_str()))
        .exec(txn)
        .await?
        .rows_affected;
    if touched == 0 {
        return Err(BookingError::ReservationNotChangeable.into());
    }
    let row = reservation::Entity::find_by_id(reservation_id)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The reservation".to_owned()))?;
    let slot = slot::Entity::find_by_id(row.slot_id)
        .one(txn)
        .await?
        .ok_or_else(|| {
            ServiceError::Internal(anyhow::anyhow!("reservation {} has no slot", row.id))
        })?;
    Ok(LockedReservation { row, slot })
}

/// The slot of the band starting at `start`, if it has one yet.
pub async fn existing_slot(
    txn: &DatabaseTransaction,
    location_id: i64,
    date: NaiveDate,
    start: chrono::NaiveTime,
) -> Result<Option<BandSlot>, ServiceError> {
    Ok(slot::Entity::find()
        .filter(slot::Column::LocationId.eq(location_id))
        .filter(slot::Column::Date.eq(date))
        .filter(slot::Column::StartTime.eq(start))
        .one(txn)
        .await?
        .map(|slot| BandSlot { slot }))
}

/// The slot of a band, created from `band` if it does not exist yet.
pub async fn slot_for_band(
    txn: &DatabaseTransaction,
    location_id: i64,
    date: NaiveDate,
    band: &TimeBand,
) -> Result<BandSlot, ServiceError> {
    let to_i32 = |value: u32| i32::try_from(value).unwrap_or(i32::MAX);
    slot::Entity::insert(slot::ActiveModel {
        location_id: Set(location_id),
        date: Set(date),
        start_time: Set(band.start),
        end_time: Set(band.end),
        capacity: Set(to_i32(band.capacity)),
        phone_quota: Set(to_i32(band.phone_quota)),
        taken: Set(0),
        taken_web: Set(0),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([
        slot::Column::LocationId,
        slot::Column::Date,
        slot::Column::StartTime,
    ])
    .exec(txn)
    .await?;
    let slot = slot::Entity::find()
        .filter(slot::Column::LocationId.eq(location_id))
        .filter(slot::Column::Date.eq(date))
        .filter(slot::Column::StartTime.eq(band.start))
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("slot vanished after insert")))?;
    Ok(BandSlot { slot })
}

/// Adds `units` (negative: gives back) to a slot's counters. Taking is conditional on the
/// slot's own columns: the seats must be free, and the web may not go past the seats kept
/// for phone bookings until they are released. Fails with `SlotFull` when they are not there.
async fn adjust(
    txn: &impl ConnectionTrait,
    slot_id: i64,
    units: i32,
    channel: Channel,
    released: bool,
) -> Result<(), ServiceError> {
    let web = web_part(units, channel);
    let mut update = slot::Entity::update_many()
        .col_expr(
            slot::Column::Taken,
            Expr::col(slot::Column::Taken).add(units),
        )
        .col_expr(
            slot::Column::TakenWeb,
            Expr::col(slot::Column::TakenWeb).add(web),
        )
        .filter(slot::Column::Id.eq(slot_id));
    if units > 0 {
        update = update.filter(
            Expr::col(slot::Column::Taken)
                .add(units)
                .lte(Expr::col(slot::Column::Capacity)),
        );
        if web > 0 {
            let web_limit: SimpleExpr = if released {
                Expr::col(slot::Column::Capacity)
            } else {
                Expr::col(slot::Column::Capacity).sub(Expr::col(slot::Column::PhoneQuota))
            };
            update = update.filter(Expr::col(slot::Column::TakenWeb).add(web).lte(web_limit));
        }
    }
    if update.exec(txn).await?.rows_affected == 0 {
        return Err(BookingError::SlotFull.into());
    }
    Ok(())
}

/// Takes seats in a slot; when they are not there, first gives back the seats of the
/// slot's expired holds and tries once more (the periodic sweeper frees the rest).
async fn take(
    txn: &DatabaseTransaction,
    slot_id: i64,
    seats: Seats,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    match adjust(txn, slot_id, seats.units, seats.channel, seats.released).await {
        Err(ServiceError::Booking(BookingError::SlotFull))
            if sweep_expired_holds(txn, Some(slot_id), now).await? > 0 =>
        {
            adjust(txn, slot_id, seats.units, seats.channel, seats.released).await
        }
        outcome => outcome,
    }
}

/// The slot of `band` on `date`: the existing row, or one made from the settings as this
/// transaction reads them (the caller's `band` may come from a cache a moment old).
pub async fn band_slot(
    txn: &DatabaseTransaction,
    location_id: i64,
    date: NaiveDate,
    band: &TimeBand,
) -> Result<BandSlot, ServiceError> {
    if let Some(slot) = existing_slot(txn, location_id, date, band.start).await? {
        return Ok(slot);
    }
    let plan = load_plan(txn, location_id, date, date).await?;
    let fresh = plan
        .band_at(date, band.start)
        .ok_or(BookingError::SlotNotOffered)?;
    slot_for_band(txn, location_id, date, fresh).await
}

/// Takes the seats of a new reservation in its band.
pub async fn book(
    txn: &DatabaseTransaction,
    slot: &BandSlot,
    seats: Seats,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    take(txn, slot.slot.id, seats, now).await
}

/// Gives back every seat of a reservation being cancelled (or purged).
pub async fn cancel(
    txn: &DatabaseTransaction,
    locked: &LockedReservation,
) -> Result<(), ServiceError> {
    adjust(
        txn,
        locked.slot.id,
        -locked.row.units,
        locked.channel()?,
        true,
    )
    .await
}

/// Takes the seats of members joining a reservation, in the band it is in now.
pub async fn add_units(
    txn: &DatabaseTransaction,
    locked: &LockedReservation,
    units: i32,
    released: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let seats = Seats {
        units,
        channel: locked.channel()?,
        released,
    };
    take(txn, locked.slot.id, seats, now).await
}

/// Gives back the seats of members leaving a reservation, in the band it is in now.
pub async fn remove_units(
    txn: &DatabaseTransaction,
    locked: &LockedReservation,
    units: i32,
) -> Result<(), ServiceError> {
    adjust(txn, locked.slot.id, -units, locked.channel()?, true).await
}

/// Moves a reservation's seats to another band: taken there, given back where it is now.
/// Both slots are touched in id order, so concurrent moves cannot deadlock.
pub async fn move_to(
    txn: &DatabaseTransaction,
    locked: &LockedReservation,
    to: &BandSlot,
    released: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let seats = Seats {
        units: locked.row.units,
        channel: locked.channel()?,
        released,
    };
    let give_back = async || adjust(txn, locked.slot.id, -seats.units, seats.channel, true).await;
    if locked.slot.id < to.slot.id {
        give_back().await?;
        take(txn, to.slot.id, seats, now).await
    } else {
        take(txn, to.slot.id, seats, now).await?;
        give_back().await
    }
}

/// Holds seats in a band while a citizen fills in the form (仮押さえ) for `holder` (a
/// client key; `None` for staff); returns the hold.
pub async fn hold(
    txn: &DatabaseTransaction,
    slot: &BandSlot,
    seats: Seats,
    holder: Option<&str>,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<hold::Model, ServiceError> {
    take(txn, slot.slot.id, seats, now).await?;
    Ok(hold::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        slot_id: Set(slot.slot.id),
        units: Set(seats.units),
        channel: Set(seats.channel.as_str().to_owned()),
        expires_at: Set(expires_at),
        created_at: Set(now),
        client_key: Set(holder.map(str::to_owned)),
    }
    .insert(txn)
    .await?)
}

/// Deletes a hold and gives back its seats in the hold's own slot; returns whether it was
/// still there. Only the transaction that deletes the row frees the seats, so a hold is
/// never freed twice by racing releases, sweeps or bookings.
async fn free(txn: &impl ConnectionTrait, held: &hold::Model) -> Result<bool, ServiceError> {
    let deleted = hold::Entity::delete_by_id(held.id.clone())
        .exec(txn)
        .await?
        .rows_affected;
    if deleted == 0 {
        return Ok(false);
    }
    adjust(
        txn,
        held.slot_id,
        -held.units,
        stored("hold.channel", &held.channel, Channel::parse)?,
        true,
    )
    .await?;
    Ok(true)
}

/// Gives back a hold's seats early (the citizen went back, or books with it now). With
/// `in_slot`, only a hold in that slot is released. Returns whether there was such a hold.
pub async fn release_hold(
    txn: &DatabaseTransaction,
    hold_id: &str,
    in_slot: Option<&BandSlot>,
) -> Result<bool, ServiceError> {
    let mut query = hold::Entity::find_by_id(hold_id.to_owned());
    if let Some(slot) = in_slot {
        query = query.filter(hold::Column::SlotId.eq(slot.slot.id));
    }
    match query.one(txn).await? {
        Some(held) => free(txn, &held).await,
        None => Ok(false),
    }
}

/// Gives back the seats of expired holds, in one slot or (with `None`) everywhere; returns
/// how many holds were freed.
pub async fn sweep_expired_holds(
    txn: &DatabaseTransaction,
    slot_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    let mut query = hold::Entity::find().filter(hold::Column::ExpiresAt.lte(now));
    if let Some(slot_id) = slot_id {
        query = query.filter(hold::Column::SlotId.eq(slot_id));
    }
    let mut freed = 0;
    for held in query.all(txn).await? {
        if free(txn, &held).await? {
            freed += 1;
        }
    }
    Ok(freed)
}

/// A band's new shape, as the city's slot settings now say.
#[derive(Clone, Copy, Debug)]
pub struct NewShape {
    /// Seats.
    pub capacity: i32,
    /// Seats kept for phone bookings.
    pub phone_quota: i32,
    /// When the band ends.
    pub end: chrono::NaiveTime,
}

/// Reshapes a slot when the city changes its settings. Live holds never stand in the way
/// of a cut: when the booked seats fit the new capacity but holds do not, the holds are
/// released first. Returns false, changing nothing, when the booked seats do not fit.
pub async fn reshape(
    txn: &DatabaseTransaction,
    slot_id: i64,
    shape: NewShape,
) -> Result<bool, ServiceError> {
    let fits = |update: sea_orm::UpdateMany<slot::Entity>| {
        update
            .col_expr(slot::Column::Capacity, Expr::value(shape.capacity))
            .col_expr(slot::Column::PhoneQuota, Expr::value(shape.phone_quota))
            .col_expr(slot::Column::EndTime, Expr::value(shape.end))
            .filter(slot::Column::Id.eq(slot_id))
            .filter(slot::Column::Taken.lte(shape.capacity))
    };
    if fits(slot::Entity::update_many())
        .exec(txn)
        .await?
        .rows_affected
        > 0
    {
        return Ok(true);
    }
    let holds = hold::Entity::find()
        .filter(hold::Column::SlotId.eq(slot_id))
        .all(txn)
        .await?;
    for held in &holds {
        free(txn, held).await?;
    }
    Ok(fits(slot::Entity::update_many())
        .exec(txn)
        .await?
        .rows_affected
        > 0)
}

/// Empties every slot and drops every hold: the contract-end purge, which deletes every
/// reservation in the same transaction.
pub async fn empty_everything(txn: &DatabaseTransaction) -> Result<(), ServiceError> {
    hold::Entity::delete_many().exec(txn).await?;
    slot::Entity::update_many()
        .col_expr(slot::Column::Taken, Expr::value(0))
        .col_expr(slot::Column::TakenWeb, Expr::value(0))
        .exec(txn)
        .await?;
    Ok(())
}
