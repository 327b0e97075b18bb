//! Staff accounts.

use chrono::Utc;
use madoguchi_shared::dto::auth::StaffRole;
use madoguchi_shared::dto::staff::{CreateStaffRequest, StaffAccount};
use madoguchi_shared::validate::validate_create_staff;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::auth::password::hash_password;
use crate::config::InitialAdmin;
use crate::db::staff_account;
use crate::error::AppError;

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
    let now = Utc::now();
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

/// Creates the first city administrator from the environment, unless one exists already.
/// Returns whether an account was created.
pub async fn ensure_initial_admin(
    db: &impl ConnectionTrait,
    admin: &InitialAdmin,
) -> Result<bool, AppError> {
    let has_admin = staff_account::Entity::find()
        .filter(staff_account::Column::Role.eq(StaffRole::CityAdmin.as_str()))
        .one(db)
        .await?
        .is_some();
    if has_admin {
        return Ok(false);
    }
    create(
        db,
        CreateStaffRequest {
            login_id: admin.login_id.clone(),
            display_name: "管理者 (Administrator)".to_owned(),
            role: StaffRole::CityAdmin,
            password: admin.password.expose().to_owned(),
        },
        None,
    )
    .await?;
    Ok(true)
}
