//! The shared counters behind the per-client and per-account limits (SeaORM's Query/
//! Mutation style): one row per key, its window's start and its hits. What a limit allows
//! is the services' (`service::limits`).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::db::rate_limit::{ActiveModel, Column, Entity, Model};

/// Reads of the counters.
#[derive(Debug)]
pub struct RateLimitQuery;

impl RateLimitQuery {
    /// The counter of `key`, whatever its window.
    pub async fn find(db: &impl ConnectionTrait, key: &str) -> Result<Option<Model>, DbErr> {
        Entity::find_by_id(key.to_owned()).one(db).await
    }
}

/// Writes of the counters; each is one statement, safe for replicas counting at once.
#[derive(Debug)]
pub struct RateLimitMutation;

impl RateLimitMutation {
    /// Counts one more for `key` if its window started after `window_start_after`; false
    /// when there was no such window (none yet, or it has passed).
    pub async fn count_in_window(
        db: &impl ConnectionTrait,
        key: &str,
        window_start_after: DateTime<Utc>,
    ) -> Result<bool, DbErr> {
        let counted = Entity::update_many()
            .col_expr(Column::Hits, Expr::col(Column::Hits).add(1))
            .filter(Column::Key.eq(key))
            .filter(Column::WindowStart.gt(window_start_after))
            .exec(db)
            .await?
            .rows_affected;
        Ok(counted > 0)
    }

    /// Starts a new window for `key` at `now` with one hit, replacing a passed one.
    pub async fn start_window(
        db: &impl ConnectionTrait,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        Entity::insert(ActiveModel {
            key: Set(key.to_owned()),
            window_start: Set(now),
            hits: Set(1),
        })
        .on_conflict(
            OnConflict::column(Column::Key)
                .update_columns([Column::WindowStart, Column::Hits])
                .to_owned(),
        )
        .exec(db)
        .await?;
        Ok(())
    }

    /// Forgets every counter whose window started before `before` (the retention job).
    pub async fn forget_windows_before(
        db: &impl ConnectionTrait,
        before: DateTime<Utc>,
    ) -> Result<u64, DbErr> {
        Ok(Entity::delete_many()
            .filter(Column::WindowStart.lt(before))
            .exec(db)
            .await?
            .rows_affected)
    }

    /// Forgets the counter of `key`.
    pub async fn forget(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
        Entity::delete_by_id(key.to_owned()).exec(db).await?;
        Ok(())
    }
}
