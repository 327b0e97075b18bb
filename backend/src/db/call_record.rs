//! One call from the phone system's records, imported for the answer rate (R4.5).

use sea_orm::entity::prelude::*;

/// Row of `call_record`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "call_record")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When the call reached the queue.
    pub started_at: DateTimeUtc,
    /// Answered by an operator (else abandoned).
    pub answered: bool,
    /// Seconds in the queue.
    pub wait_seconds: i32,
    /// Seconds talking (0 when abandoned).
    pub talk_seconds: i32,
    /// When it was imported.
    pub imported_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
