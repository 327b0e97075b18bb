//! When citizens may book at a location; a missing row means the defaults.

use sea_orm::entity::prelude::*;

/// Row of `booking_window`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_window")]
pub struct Model {
    /// The location (one row each).
    #[sea_orm(primary_key, auto_increment = false)]
    pub location_id: i64,
    /// Days ahead booking opens.
    pub opens_days_ahead: i32,
    /// Days before the visit booking closes.
    pub closes_days_before: i32,
    /// Time of day booking closes.
    pub closes_at: Time,
    /// △ at or below this many seats.
    pub few_seats: i32,
    /// △ at or below this share of capacity.
    pub few_percent: i32,
    /// Minutes a hold lasts.
    pub hold_minutes: i32,
    /// Hours before a band that phone quota goes to the web.
    pub phone_quota_release_hours: i32,
    /// Largest party.
    pub max_party_size: i32,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed with explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
