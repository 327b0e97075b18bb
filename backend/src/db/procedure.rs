//! A bookable procedure (予約の種別, R5.1).

use sea_orm::entity::prelude::*;

/// Row of `procedure`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procedure")]
pub struct Model {
    /// Procedure id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Stable code.
    #[sea_orm(unique)]
    pub code: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// 持参物, Japanese.
    pub what_to_bring_ja: String,
    /// What to bring, English.
    pub what_to_bring_en: String,
    /// 留意事項, Japanese.
    pub notes_ja: String,
    /// Notes, English.
    pub notes_en: String,
    /// Seats per person.
    pub units_per_person: i32,
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
