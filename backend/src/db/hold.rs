//! Seats held (仮押さえ) while a citizen fills in the form.

use sea_orm::entity::prelude::*;

/// Row of `hold`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hold")]
pub struct Model {
    /// Hold id (a UUID the client keeps).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The slot.
    pub slot_id: i64,
    /// Seats held.
    pub units: i32,
    /// Channel that holds them.
    pub channel: String,
    /// When the seats go back.
    pub expires_at: DateTimeUtc,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// A fixed-length hash of the client that holds the seats; `None` for staff.
    pub client_key: Option<String>,
}

/// Relations are followed with explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
