//! One call logged by an operator (R5.6).

use sea_orm::entity::prelude::*;

/// Row of `inquiry`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry")]
pub struct Model {
    /// Inquiry id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When the call came in.
    pub received_at: DateTimeUtc,
    /// `InquiryCategory` name.
    pub category: String,
    /// What was asked and answered.
    pub summary: String,
    /// `InquiryOutcome` name.
    pub outcome: String,
    /// Linked reservation number, normalised.
    pub reservation_number: Option<String>,
    /// Who logged it.
    pub staff_id: i64,
    /// When it was logged.
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
