//! Staff accounts.

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::auth::ChangePasswordRequest;
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::dto::staff::{
    CreateStaffRequest, PasswordReset, StaffAccount, UpdateStaffRequest,
};
use madoguchi_shared::error::FieldErrorCode;
use madoguchi_shared::validate::{
    validate_change_password, validate_create_staff, validate_update_staff,
};
use rand::distr::{Alphanumeric, SampleString};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use madoguchi_shared::dto::audit::AuditAction;

use crate::auth::error::AccessError;
use crate::auth::password::{Busy, Hasher};
use crate::config::InitialAdmin;
use crate::db::constraints::UniqueKey;
use crate::db::staff_account;
use crate::db::staff_accounts::StaffQuery;
use crate::db::transaction::{begin_writing, in_transaction};
use crate::service::actor::Actor;
use crate::service::audit::{self, Event};
use crate::service::auth::{end_sessions, require_recent_step_up, to_dto};
use crate::service::error::ServiceError;

fn busy(_: Busy) -> ServiceError {
    AccessError::RateLimited {
        retry_after_seconds: 1,
    }
    .into()
}

/// The account with `id` if it exists and is not disabled.
pub async fn find_active(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<StaffAccount>, ServiceError> {
    StaffQuery::find_enabled(db, id)
        .await?
        .map(to_dto)
        .transpose()
}

/// The account with `id`, for `GET /auth/me`.
pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<StaffAccount, ServiceError> {
    StaffQuery::find(db, id)
        .await?
        .map(to_dto)
        .transpose()?
        .ok_or_else(|| ServiceError::NotFound("The staff account".to_owned()))
}

/// Every account, by login id.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<StaffAccount>, ServiceError> {
    StaffQuery::all(db).await?.into_iter().map(to_dto).collect()
}

/// Creates an account after validating it; a taken login id is a conflict.
/// `created_by` is the administrator's id, or `None` for the command line and start-up.
pub async fn create(
    db: &impl ConnectionTrait,
    hasher: &Hasher,
    request: CreateStaffRequest,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<StaffAccount, ServiceError> {
    validate_create_staff(&request).map_err(ServiceError::Validation)?;
    let taken = StaffQuery::by_login_id(db, &request.login_id)
        .await?
        .is_some();
    if taken {
        return Err(ServiceError::AlreadyExists(UniqueKey::StaffLoginId));
    }
    if request.role == StaffRole::CityAdmin
        && let Some(admin_id) = created_by
    {
        require_recent_step_up(db, admin_id, now).await?;
    }
    let password_hash = hasher.hash(request.password).await.map_err(busy)??;
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
        session_epoch: Set(0),
        totp_secret: Set(None),
        totp_pending_secret: Set(None),
        totp_last_step: Set(None),
        recovery_codes: Set(None),
        step_up_until: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(staff_id = model.id, role = %model.role, ?created_by, "staff account created");
    if let Some(admin_id) = created_by {
        let admin = Actor::Staff {
            id: admin_id,
            role: StaffRole::CityAdmin,
        };
        audit::record(
            db,
            Event::ok(admin, AuditAction::StaffCreate)
                .on(model.login_id.clone())
                .with(serde_json::json!({"role": model.role})),
            now,
        )
        .await?;
    }
    to_dto(model)
}

/// Changes an account's name, role or disabled flag. Nobody changes their own role or
/// disables themselves, and the last active administrator is never demoted or disabled:
/// that would let a member raise their rights, or lock the city out. A role change or
/// disabling ends the account's sessions.
pub async fn update(
    db: &sea_orm::DatabaseConnection,
    id: i64,
    request: UpdateStaffRequest,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<StaffAccount, ServiceError> {
    validate_update_staff(&request).map_err(ServiceError::Validation)?;
    let saved = in_transaction(db, async |txn| {
        // Administrators changing accounts take turns, so two of them cannot each demote
        // or disable one of the last two administrators.
        crate::db::lock_for_startup(txn).await?;
        let account = StaffQuery::find(txn, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound("The staff account".to_owned()))?;
        if id == admin_id {
            if request
                .role
                .is_some_and(|role| role.as_str() != account.role)
            {
                return Err(ServiceError::invalid_field(
                    "role",
                    FieldErrorCode::OwnRole,
                    "nobody can change their own role; ask another administrator",
                ));
            }
            if request.disabled == Some(true) {
                return Err(ServiceError::invalid_field(
                    "disabled",
                    FieldErrorCode::OwnAccount,
                    "you cannot disable your own account",
                ));
            }
        }
        // Making an administrator is creating one: it needs a recent step-up too.
        if request.role == Some(StaffRole::CityAdmin)
            && account.role != StaffRole::CityAdmin.as_str()
        {
            require_recent_step_up(txn, admin_id, now).await?;
        }
        let is_admin = account.role == StaffRole::CityAdmin.as_str() && !account.disabled;
        let stops_being_admin = request
            .role
            .is_some_and(|role| role != StaffRole::CityAdmin)
            || request.disabled == Some(true);
        if is_admin && stops_being_admin {
            let admins = StaffQuery::enabled_admins(txn).await?;
            if admins <= 1 {
                return Err(ServiceError::invalid_field(
                    if request.disabled == Some(true) {
                        "disabled"
                    } else {
                        "role"
                    },
                    FieldErrorCode::LastAdmin,
                    "the city needs at least one administrator",
                ));
            }
        }
        let ends_sessions = request
            .role
            .is_some_and(|role| role.as_str() != account.role)
            || request.disabled == Some(true);
        let mut changes = serde_json::Map::new();
        let mut row: staff_account::ActiveModel = account.clone().into();
        if let Some(name) = &request.display_name {
            row.display_name = Set(name.trim().to_owned());
            changes.insert("display_name".to_owned(), name.trim().into());
        }
        if let Some(role) = request.role {
            row.role = Set(role.as_str().to_owned());
            changes.insert("role".to_owned(), role.as_str().into());
        }
        if let Some(disabled) = request.disabled {
            row.disabled = Set(disabled);
            changes.insert("disabled".to_owned(), disabled.into());
        }
        row.updated_at = Set(now);
        let saved = row.update(txn).await?;
        if ends_sessions {
            end_sessions(txn, id).await?;
        }
        let admin = Actor::Staff {
            id: admin_id,
            role: StaffRole::CityAdmin,
        };
        audit::record(
            txn,
            Event::ok(admin, AuditAction::StaffUpdate)
                .on(saved.login_id.clone())
                .with(serde_json::Value::Object(changes)),
            now,
        )
        .await?;
        Ok(saved)
    })
    .await?;
    tracing::info!(staff_id = id, admin_id, role = %saved.role, disabled = saved.disabled, "staff account changed");
    to_dto(saved)
}
/// Length of a generated temporary password.
const TEMPORARY_PASSWORD_CHARS: usize = 16;

/// Gives an account a new random password (shown once to the administrator) and ends the
/// account's sessions.
pub async fn reset_password(
    db: &impl ConnectionTrait,
    hasher: &Hasher,
    id: i64,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<PasswordReset, ServiceError> {
    require_recent_step_up(db, admin_id, now).await?;
    let account = StaffQuery::find(db, id)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The staff account".to_owned()))?;
    let password = Alphanumeric.sample_string(&mut rand::rng(), TEMPORARY_PASSWORD_CHARS);
    let password_hash = hasher.hash(password.clone()).await.map_err(busy)??;
    let mut row: staff_account::ActiveModel = account.into();
    row.password_hash = Set(password_hash);
    row.failed_logins = Set(0);
    row.locked_until = Set(None);
    row.updated_at = Set(now);
    let saved = row.update(db).await?;
    end_sessions(db, id).await?;
    let admin = Actor::Staff {
        id: admin_id,
        role: StaffRole::CityAdmin,
    };
    audit::record(
        db,
        Event::ok(admin, AuditAction::StaffPasswordReset).on(saved.login_id.clone()),
        now,
    )
    .await?;
    tracing::info!(staff_id = id, admin_id, "staff password reset");
    Ok(PasswordReset {
        account: to_dto(saved)?,
        temporary_password: password,
    })
}

/// Changes a member's own password after checking the current one. A wrong current
/// password is a field error, not a sign-in failure: the member stays signed in. A right
/// one ends every session of the account, this one included.
pub async fn change_own_password(
    db: &impl ConnectionTrait,
    hasher: &Hasher,
    actor: Actor,
    id: i64,
    request: ChangePasswordRequest,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    validate_change_password(&request).map_err(ServiceError::Validation)?;
    // A stolen session cannot be used to guess the password here.
    crate::service::limits::rate_limit(
        db,
        &format!("password-check:{id}"),
        crate::service::auth::PASSWORD_CHECKS_PER_WINDOW,
        crate::service::auth::ATTEMPT_WINDOW,
        now,
    )
    .await?;
    let account = StaffQuery::find(db, id)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The staff account".to_owned()))?;
    let matches = hasher
        .verify(request.current_password, account.password_hash.clone())
        .await
        .map_err(busy)?;
    if !matches {
        return Err(ServiceError::invalid_field(
            "current_password",
            FieldErrorCode::Incorrect,
            "the current password is not correct",
        ));
    }
    let password_hash = hasher.hash(request.new_password).await.map_err(busy)??;
    let mut row: staff_account::ActiveModel = account.into();
    row.password_hash = Set(password_hash);
    row.updated_at = Set(now);
    row.update(db).await?;
    // Every other session of the account ends with the old password.
    end_sessions(db, id).await?;
    audit::record(db, Event::ok(actor, AuditAction::StaffPasswordChange), now).await?;
    tracing::info!(staff_id = id, "staff member changed their password");
    Ok(())
}

/// Creates the first city administrator from the environment, unless one exists already.
/// Returns whether an account was created.
pub async fn ensure_initial_admin(
    db: &sea_orm::DatabaseConnection,
    admin: &InitialAdmin,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let txn = begin_writing(db).await?;
    // Replicas starting together must not both create the administrator.
    crate::db::lock_for_startup(&txn).await?;
    let has_admin = StaffQuery::any_admin(&txn).await?;
    if has_admin {
        return Ok(false);
    }
    create(
        &txn,
        &Hasher::for_this_machine(),
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
