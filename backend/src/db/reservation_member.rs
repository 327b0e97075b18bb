//! One person of a reservation's party.

use sea_orm::entity::prelude::*;

/// Row of `reservation_member`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reservation_member")]
pub struct Model {
    /// Member id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The reservation.
    pub reservation_id: i64,
    /// The procedure.
    pub procedure_id: i64,
    /// The person's name.
    pub name: String,
    /// Seats taken.
    pub units: i32,
    /// Order in the party.
    pub position: i32,
    /// Set when removed from the party.
    pub removed_at: Option<DateTimeUtc>,
}

/// Relations are followed with explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
