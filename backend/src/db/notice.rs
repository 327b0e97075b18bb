//! A notice on the citizen site, or an announced maintenance (R7.5).

use sea_orm::entity::prelude::*;

/// Row of `notice`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notice")]
pub struct Model {
    /// Notice id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `notice` or `maintenance`.
    pub kind: String,
    /// Title, Japanese.
    pub title_ja: String,
    /// Title, English.
    pub title_en: String,
    /// Text, Japanese.
    pub body_ja: String,
    /// Text, English.
    pub body_en: String,
    /// Shown from.
    pub publish_from: DateTimeUtc,
    /// Shown until.
    pub publish_until: Option<DateTimeUtc>,
    /// Maintenance start.
    pub starts_at: Option<DateTimeUtc>,
    /// Maintenance end.
    pub ends_at: Option<DateTimeUtc>,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
