//! A report as the daily or monthly job computed it, kept so the figures of a closed day
//! stay as they were reported.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

/// Row of `report_snapshot`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_snapshot")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `daily` or `monthly`.
    pub period: String,
    /// First day of the period.
    pub first_day: NaiveDate,
    /// When the job computed it.
    pub generated_at: DateTimeUtc,
    /// The `Report` as JSON.
    pub body_json: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
