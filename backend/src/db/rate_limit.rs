//! Fixed-window request counters shared by every replica.

use sea_orm::entity::prelude::*;

/// Row of `rate_limit`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rate_limit")]
pub struct Model {
    /// What is counted, e.g. `lookup:ip:127.0.0.1`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Start of the current window.
    pub window_start: DateTimeUtc,
    /// Requests in the window.
    pub hits: i32,
}

/// Relations are followed with explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
