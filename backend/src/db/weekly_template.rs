//! A weekly template of time bands (通常の予約枠).

use sea_orm::entity::prelude::*;

/// Row of `weekly_template`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "weekly_template")]
pub struct Model {
    /// Template id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Its location.
    pub location_id: i64,
    /// Name for staff.
    pub name: String,
    /// First day in force.
    pub valid_from: Date,
    /// Last day in force.
    pub valid_to: Option<Date>,
    /// `Vec<WeekdayBands>` as JSON.
    pub days_json: String,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed with explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
