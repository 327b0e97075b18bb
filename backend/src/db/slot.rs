//! One time band on one day at one location, with its seat counters.

use sea_orm::entity::prelude::*;

/// Row of `slot`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "slot")]
pub struct Model {
    /// Slot id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Its location.
    pub location_id: i64,
    /// The day.
    pub date: Date,
    /// Start.
    pub start_time: Time,
    /// End.
    pub end_time: Time,
    /// Seats.
    pub capacity: i32,
    /// Seats kept for phone bookings until release.
    pub phone_quota: i32,
    /// Seats of booked members plus live holds.
    pub taken: i32,
    /// The part of `taken` booked or held on the web.
    pub taken_web: i32,
}

/// Relations are followed with explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
