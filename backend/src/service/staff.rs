//! Staff accounts.

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::auth::{ChangePasswordRequest, StaffRole};
use madoguchi_shared::dto::staff::{
    CreateStaffRequest, PasswordReset, StaffAccount, UpdateStaffRequest,
};
use madoguchi_shared::validate::{
    validate_change_password, validate_create_staff, validate_update_staff,
};
use rand::distr::{Alphanumeric, SampleString};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::auth::password::{hash_password, verify_password};
use crate::config::InitialAdmin;
use crate::db::staff_account;
use crate::error::AppError;
use crate::service::transaction::begin_writing;

/// The API view of an account row.
pub fn to_dto(model: staff_account::Model) -> Result<StaffAccount, AppError> {
    let role = StaffRole::parse(&model.role).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "staff account {} has an unknown role",
            model.id
        ))
    })?;
    Ok(StaffAccount {
        id: model.id,
        login_id: model.login_id,
        display_name: model.display_name,
        role,
        disabled: model.disabled,
        created_at: model.created_at,
    })
}

/// The account with `id` if it exists and is not disabled.
pub async fn find_active(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<StaffAccount>, AppError> {
    staff_account::Entity::find_by_id(id)
        .filter(staff_account::Column::Disabled.eq(false))
        .one(db)
        .await?
        .map(to_dto)
        .transpose()
}

/// The account with `id`, for `GET /auth/me`.
pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<StaffAccount, AppError> {
    staff_account::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(to_dto)
        .transpose()?
        .ok_or_else(|| AppError::NotFound("The staff account".to_owned()))
}

/// Every account, by login id.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<StaffAccount>, AppError> {
    staff_account::Entity::find()
        .order_by_asc(staff_account::Column::LoginId)
        .all(db)
        .await?
        .into_iter()
        .map(to_dto)
        .collect()
}

/// Creates an account after validating it; a taken login id is a conflict.
/// `created_by` is the administrator's id, or `None` for the command line and start-up.
pub async fn create(
    db: &impl ConnectionTrait,
    request: CreateStaffRequest,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<StaffAccount, AppError> {
    validate_create_staff(&request).map_err(AppError::Validation)?;
    let taken = staff_account::Entity::find()
        .filter(staff_account::Column::LoginId.eq(request.login_id.as_str()))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Err(AppError::Conflict(format!(
            "The login id {:?} is already taken.",
            request.login_id
        )));
    }
    let password = request.password;
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|error| AppError::Internal(error.into()))??;
    let model = staff_account::ActiveModel {
        login_id: Set(request.login_id),
        display_name: Set(request.display_name.trim().to_owned()),
        role: Set(request.role.as_str().to_owned()),
        password_hash: Set(password_hash),
        disabled: Set(false),
        failed_logins: Set(0),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(staff_id = model.id, role = %model.role, ?created_by, "staff account created");
    to_dto(model)
}

/// Changes an account's name, role or disabled flag. Nobody changes their own role or
/// disables themselves: that would let a member raise their rights, or lock the city out
/// of its last administrator.
pub async fn update(
    db: &impl ConnectionTrait,
    id: i64,
    request: UpdateStaffRequest,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<StaffAccount, AppError> {
    validate_update_staff(&request).map_err(AppError::Validation)?;
    let account = staff_account::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound("The staff account".to_owned()))?;
    if id == admin_id {
        if request
            .role
            .is_some_and(|role| role.as_str() != account.role)
        {
            return Err(AppError::invalid_field(
                "role",
                "own_role",
                "nobody can change their own role; ask another administrator",
            ));
        }
        if request.disabled == Some(true) {
            return Err(AppError::invalid_field(
                "disabled",
                "own_account",
                "you cannot disable your own account",
            ));
        }
    }
    let mut row: staff_account::ActiveModel = account.into();
    if let Some(name) = request.display_name {
        row.display_name = Set(name.trim().to_owned());
    }
    if let Some(role) = request.role {
        row.role = Set(role.as_str().to_owned());
    }
    if let Some(disabled) = request.disabled {
        row.disabled = Set(disabled);
    }
    row.updated_at = Set(now);
    let saved = row.update(db).await?;
    tracing::info!(staff_id = id, admin_id, role = %saved.role, disabled = saved.disabled, "staff account changed");
    to_dto(saved)
}

/// Length of a generated temporary password.
const TEMPORARY_PASSWORD_CHARS: usize = 16;

/// Gives an account a new random password (shown once to the administrator) and lifts a
/// sign-in lock-out.
pub async fn reset_password(
    db: &impl ConnectionTrait,
    id: i64,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<PasswordReset, AppError> {
    let account = staff_account::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound("The staff account".to_owned()))?;
    let password = Alphanumeric.sample_string(&mut rand::rng(), TEMPORARY_PASSWORD_CHARS);
    let hashed = password.clone();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&hashed))
        .await
        .map_err(|error| AppError::Internal(error.into()))??;
    let mut row: staff_account::ActiveModel = account.into();
    row.password_hash = Set(password_hash);
    row.failed_logins = Set(0);
    row.locked_until = Set(None);
    row.updated_at = Set(now);
    let saved = row.update(db).await?;
    tracing::info!(staff_id = id, admin_id, "staff password reset");
    Ok(PasswordReset {
        account: to_dto(saved)?,
        temporary_password: password,
    })
}

/// Changes a member's own password after checking the current one. A wrong current
/// password is a field error, not a sign-in failure: the member stays signed in.
pub async fn change_own_password(
    db: &impl ConnectionTrait,
    id: i64,
    request: ChangePasswordRequest,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    validate_change_password(&request).map_err(AppError::Validation)?;
    let account = staff_account::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound("The staff account".to_owned()))?;
    let (current, stored) = (request.current_password, account.password_hash.clone());
    let matches = tokio::task::spawn_blocking(move || verify_password(&current, &stored))
        .await
        .map_err(|error| AppError::Internal(error.into()))?;
    if !matches {
        return Err(AppError::invalid_field(
            "current_password",
            "incorrect",
            "the current password is not correct",
        ));
    }
    let new_password = request.new_password;
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&new_password))
        .await
        .map_err(|error| AppError::Internal(error.into()))??;
    let mut row: staff_account::ActiveModel = account.into();
    row.password_hash = Set(password_hash);
    row.updated_at = Set(now);
    row.update(db).await?;
    tracing::info!(staff_id = id, "staff member changed their password");
    Ok(())
}

/// Creates the first city administrator from the environment, unless one exists already.
/// Returns whether an account was created.
pub async fn ensure_initial_admin(
    db: &sea_orm::DatabaseConnection,
    admin: &InitialAdmin,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let txn = begin_writing(db).await?;
    // Replicas starting together must not both create the administrator.
    crate::db::lock_for_startup(&txn).await?;
    let has_admin = staff_account::Entity::find()
        .filter(staff_account::Column::Role.eq(StaffRole::CityAdmin.as_str()))
        .one(&txn)
        .await?
        .is_some();
    if has_admin {
        return Ok(false);
    }
    create(
        &txn,
        CreateStaffRequest {
            login_id: admin.login_id.clone(),
            display_name: "管理者 (Administrator)".to_owned(),
            role: StaffRole::CityAdmin,
            password: admin.password.expose().to_owned(),
        },
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
