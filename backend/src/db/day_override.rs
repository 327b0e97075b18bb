//! One day's own bands or closure (特定日の設定).

use sea_orm::entity::prelude::*;

/// Row of `day_override`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "day_override")]
pub struct Model {
    /// Override id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Its location.
    pub location_id: i64,
    /// The day.
    pub date: Date,
    /// Closed all day.
    pub closed: bool,
    /// What the day is.
    pub label: String,
    /// `Vec<TimeBand>` as JSON.
    pub bands_json: String,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed with explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
