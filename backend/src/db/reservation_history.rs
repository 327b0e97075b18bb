//! Append-only history of every change to a reservation (R7.4-エ).

use sea_orm::entity::prelude::*;

/// Row of `reservation_history`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reservation_history")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The reservation.
    pub reservation_id: i64,
    /// What happened.
    pub action: String,
    /// Who: citizen, call_center, city, system.
    pub actor_kind: String,
    /// The staff account, when staff acted.
    pub actor_staff_id: Option<i64>,
    /// Channel of the change.
    pub channel: String,
    /// When.
    pub at: DateTimeUtc,
    /// State before, JSON.
    pub before_json: Option<String>,
    /// State after, JSON.
    pub after_json: Option<String>,
}

/// Relations are followed with explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
