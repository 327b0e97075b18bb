//! A place where visits happen (窓口 / 庁舎).

use sea_orm::entity::prelude::*;

/// Row of `location`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "location")]
pub struct Model {
    /// Location id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Stable code.
    #[sea_orm(unique)]
    pub code: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Postal address in Japanese.
    pub address_ja: String,
    /// Bookable now.
    pub active: bool,
    /// Position in lists.
    pub sort_order: i32,
    /// Creation time.
    pub created_at: DateTimeUtc,
}

/// No relations yet.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
