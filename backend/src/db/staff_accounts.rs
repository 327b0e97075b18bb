//! The staff aggregate's reads and writes (SeaORM's Query/Mutation style): an account by id
//! or login id, the administrators, and the changes to an account's sessions, step-up and
//! two-factor sign-in. The rules around them are the services' (`service::auth`,
//! `service::staff`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use madoguchi_shared::dto::staff::StaffRole;

use crate::db::staff_account::{Column, Entity, Model};

/// Reads of staff accounts.
#[derive(Debug)]
pub struct StaffQuery;

impl StaffQuery {
    /// The account with `id`.
    pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<Model>, DbErr> {
        Entity::find_by_id(id).one(db).await
    }

    /// The account with `id`, unless it is disabled.
    pub async fn find_enabled(db: &impl ConnectionTrait, id: i64) -> Result<Option<Model>, DbErr> {
        Entity::find_by_id(id)
            .filter(Column::Disabled.eq(false))
            .one(db)
            .await
    }

    /// The account that signs in as `login_id`.
    pub async fn by_login_id(
        db: &impl ConnectionTrait,
        login_id: &str,
    ) -> Result<Option<Model>, DbErr> {
        Entity::find()
            .filter(Column::LoginId.eq(login_id))
            .one(db)
            .await
    }

    /// Every account, by login id.
    pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Model>, DbErr> {
        Entity::find().order_by_asc(Column::LoginId).all(db).await
    }

    /// The display names of the accounts `ids` (for histories and the inquiry log).
    pub async fn display_names(
        db: &impl ConnectionTrait,
        ids: impl IntoIterator<Item = i64>,
    ) -> Result<HashMap<i64, String>, DbErr> {
        Ok(Entity::find()
            .filter(Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|account| (account.id, account.display_name))
            .collect())
    }

    /// How many city administrators can sign in.
    pub async fn enabled_admins(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
        Entity::find()
            .filter(Column::Role.eq(StaffRole::CityAdmin.as_str()))
            .filter(Column::Disabled.eq(false))
            .count(db)
            .await
    }

    /// Whether any city administrator exists, enabled or not.
    pub async fn any_admin(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
        Ok(Entity::find()
            .filter(Column::Role.eq(StaffRole::CityAdmin.as_str()))
            .one(db)
            .await?
            .is_some())
    }
}

/// Writes to staff accounts that change one column or a few together, in one statement.
#[derive(Debug)]
pub struct StaffMutation;

impl StaffMutation {
    /// Raises the account's session epoch: every token issued before ends.
    pub async fn end_sessions(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
        Entity::update_many()
            .col_expr(Column::SessionEpoch, Expr::col(Column::SessionEpoch).add(1))
            .filter(Column::Id.eq(id))
            .exec(db)
            .await?;
        Ok(())
    }

    /// Opens the sensitive actions for the account until `until`.
    pub async fn open_step_up(
        db: &impl ConnectionTrait,
        id: i64,
        until: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        Entity::update_many()
            .col_expr(Column::StepUpUntil, Expr::value(Some(until)))
            .filter(Column::Id.eq(id))
            .exec(db)
            .await?;
        Ok(())
    }

    /// Keeps `secret` as the account's two-factor secret to be confirmed.
    pub async fn keep_pending_secret(
        db: &impl ConnectionTrait,
        id: i64,
        secret: &str,
    ) -> Result<(), DbErr> {
        Entity::update_many()
            .col_expr(
                Column::TotpPendingSecret,
                Expr::value(Some(secret.to_owned())),
            )
            .filter(Column::Id.eq(id))
            .exec(db)
            .await?;
        Ok(())
    }

    /// Records that the one-time code of `step` was used, provided the last used step is
    /// still `last_step` as read: of two requests racing with one code, one passes.
    pub async fn use_code_step(
        db: &impl ConnectionTrait,
        id: i64,
        last_step: Option<i64>,
        step: i64,
    ) -> Result<bool, DbErr> {
        let used = Entity::update_many()
            .col_expr(Column::TotpLastStep, Expr::value(Some(step)))
            .filter(Column::Id.eq(id))
            .filter(match last_step {
                Some(last) => Column::TotpLastStep.eq(last),
                None => Column::TotpLastStep.is_null(),
            })
            .exec(db)
            .await?
            .rows_affected;
        Ok(used == 1)
    }

    /// Records that a recovery code was used, leaving the hashes `left`, provided the
    /// stored hashes are still `stored` as read.
    pub async fn use_recovery_code(
        db: &impl ConnectionTrait,
        id: i64,
        stored: Option<String>,
        left: String,
    ) -> Result<bool, DbErr> {
        let used = Entity::update_many()
            .col_expr(Column::RecoveryCodes, Expr::value(Some(left)))
            .filter(Column::Id.eq(id))
            .filter(Column::RecoveryCodes.eq(stored))
            .exec(db)
            .await?
            .rows_affected;
        Ok(used == 1)
    }

    /// Turns two-factor sign-in on with the `pending` secret whose code of `step` was just
    /// accepted, and `recovery_hashes`; ends every earlier session. False when the pending
    /// secret changed meanwhile (another set-up started).
    pub async fn enable_two_factor(
        db: &impl ConnectionTrait,
        id: i64,
        pending: &str,
        step: i64,
        recovery_hashes: String,
    ) -> Result<bool, DbErr> {
        let enabled = Entity::update_many()
            .col_expr(Column::TotpSecret, Expr::value(Some(pending.to_owned())))
            .col_expr(
                Column::TotpPendingSecret,
                Expr::value(Option::<String>::None),
            )
            .col_expr(Column::TotpLastStep, Expr::value(Some(step)))
            .col_expr(Column::RecoveryCodes, Expr::value(Some(recovery_hashes)))
            .col_expr(Column::SessionEpoch, Expr::col(Column::SessionEpoch).add(1))
            .filter(Column::Id.eq(id))
            .filter(Column::TotpPendingSecret.eq(pending))
            .exec(db)
            .await?
            .rows_affected;
        Ok(enabled > 0)
    }

    /// Turns two-factor sign-in off (secret, pending secret, recovery codes, last step) and
    /// ends every session.
    pub async fn clear_two_factor(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
        Entity::update_many()
            .col_expr(Column::TotpSecret, Expr::value(Option::<String>::None))
            .col_expr(
                Column::TotpPendingSecret,
                Expr::value(Option::<String>::None),
            )
            .col_expr(Column::RecoveryCodes, Expr::value(Option::<String>::None))
            .col_expr(Column::TotpLastStep, Expr::value(Option::<i64>::None))
            .col_expr(Column::SessionEpoch, Expr::col(Column::SessionEpoch).add(1))
            .filter(Column::Id.eq(id))
            .exec(db)
            .await?;
        Ok(())
    }
}
