//! Staff sign-in with lock-out after repeated failures.

use std::time::Duration;

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::auth::{LoginRequest, LoginResponse};
use madoguchi_shared::validate::validate_login;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::auth::TokenKeys;
use crate::auth::password::{verify_against_dummy, verify_password};
use crate::db::staff_account;
use crate::error::AppError;
use crate::service::staff::to_dto;

/// How many failures lock an account, and for how long.
#[derive(Clone, Copy, Debug)]
pub struct LockoutPolicy {
    /// Consecutive failures that lock the account.
    pub max_failures: u32,
    /// How long it stays locked.
    pub duration: Duration,
}

/// Checks credentials and issues a token.
///
/// A wrong login id and a wrong password give the same answer in the same time. A locked
/// account is refused without checking the password, so guessing stops while it is locked.
pub async fn login(
    db: &impl ConnectionTrait,
    tokens: &TokenKeys,
    lockout: LockoutPolicy,
    request: LoginRequest,
    now: DateTime<Utc>,
) -> Result<LoginResponse, AppError> {
    validate_login(&request).map_err(AppError::Validation)?;
    let account = staff_account::Entity::find()
        .filter(staff_account::Column::LoginId.eq(request.login_id.trim()))
        .one(db)
        .await?;
    let Some(account) = account else {
        let password = request.password;
        let _ = tokio::task::spawn_blocking(move || verify_against_dummy(&password)).await;
        return Err(AppError::InvalidCredentials);
    };
    if let Some(until) = account.locked_until
        && until > now
    {
        return Err(AppError::AccountLocked {
            until,
            retry_after_seconds: (until - now).num_seconds(),
        });
    }
    let password = request.password;
    let hash = account.password_hash.clone();
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(|error| AppError::Internal(error.into()))?;
    if !matches {
        return Err(record_failure(db, account.id, lockout, now).await?);
    }
    if account.disabled {
        return Err(AppError::AccountDisabled);
    }
    staff_account::Entity::update_many()
        .col_expr(staff_account::Column::FailedLogins, Expr::value(0))
        .col_expr(
            staff_account::Column::LockedUntil,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(staff_account::Column::Id.eq(account.id))
        .exec(db)
        .await?;
    let staff = to_dto(account)?;
    tracing::info!(staff_id = staff.id, "staff signed in");
    Ok(LoginResponse {
        access_token: tokens.issue(staff.id, staff.role)?,
        token_type: "Bearer".to_owned(),
        expires_in: tokens.ttl_seconds(),
        staff,
    })
}

/// Counts a failed sign-in in one atomic update, so concurrent guesses are all counted,
/// and locks the account when the count reaches the limit. Returns the error to answer.
async fn record_failure(
    db: &impl ConnectionTrait,
    staff_id: i64,
    lockout: LockoutPolicy,
    now: DateTime<Utc>,
) -> Result<AppError, AppError> {
    staff_account::Entity::update_many()
        .col_expr(
            staff_account::Column::FailedLogins,
            Expr::col(staff_account::Column::FailedLogins).add(1),
        )
        .filter(staff_account::Column::Id.eq(staff_id))
        .exec(db)
        .await?;
    let until = now + lockout.duration;
    let locked = staff_account::Entity::update_many()
        .col_expr(staff_account::Column::FailedLogins, Expr::value(0))
        .col_expr(staff_account::Column::LockedUntil, Expr::value(Some(until)))
        .filter(staff_account::Column::Id.eq(staff_id))
        .filter(staff_account::Column::FailedLogins.gte(i64::from(lockout.max_failures)))
        .exec(db)
        .await?
        .rows_affected
        > 0;
    if locked {
        tracing::warn!(
            staff_id,
            "staff account locked after repeated failed sign-ins"
        );
        Ok(AppError::AccountLocked {
            until,
            retry_after_seconds: (until - now).num_seconds(),
        })
    } else {
        Ok(AppError::InvalidCredentials)
    }
}
