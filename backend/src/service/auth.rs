//! Staff sign-in, sign-out, two-factor sign-in and the re-authentication ("step-up") the
//! most sensitive actions ask for.
//!
//! Sign-in cannot be turned against the city:
//! - every client has an allowance of attempts per quarter hour, counted in the database
//!   the replicas share;
//! - failures lock a login id *for the client that failed*, never for everyone: nobody can
//!   lock the call center out from elsewhere;
//! - unknown ids, wrong passwords, locked and disabled accounts get the same answer after
//!   the same work (one password verification);
//! - the verification runs behind the server's `Hasher`, at most as many at once as the
//!   machine has cores, so a flood costs bounded memory and gets 429s.
//!
//! Every attempt is in the audit trail, with the client.

use std::time::Duration;

use chrono::{DateTime, Utc};
use madoguchi_shared::dto::audit::{AuditAction, AuditOutcome};
use madoguchi_shared::dto::auth::{
    ConfirmTwoFactorRequest, LoginRequest, LoginResponse, StepUp, StepUpRequest, TwoFactorEnabled,
    TwoFactorSetup,
};
use madoguchi_shared::dto::staff::StaffAccount;
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::FieldErrorCode;
use madoguchi_shared::validate::validate_login;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::auth::TokenKeys;
use crate::auth::error::AccessError;
use crate::auth::jwt::TWO_FACTOR_SETUP_SCOPE;
use crate::auth::password::{Busy, Hasher};
use crate::auth::totp;
use crate::db::staff_account;
use crate::db::staff_accounts::{StaffMutation, StaffQuery};
use crate::service::actor::Actor;
use crate::service::audit::{self, Event};
use crate::service::error::ServiceError;
use crate::service::limits;

/// How long a step-up keeps sensitive actions open.
pub const STEP_UP_LIFETIME: chrono::TimeDelta = chrono::TimeDelta::minutes(5);
/// The window of the per-client sign-in allowance and of the checks below.
pub const ATTEMPT_WINDOW: chrono::TimeDelta = chrono::TimeDelta::minutes(15);
/// How often a signed-in member may have their password or a code checked per window (a
/// step-up, a password change, confirming two-factor set-up): plenty for a person, and a
/// stolen session cannot be used to guess.
pub const PASSWORD_CHECKS_PER_WINDOW: i32 = 10;

/// The API view of an account row (the signed-in member's own, and every account in the
/// administrators' list).
pub fn to_dto(model: staff_account::Model) -> Result<StaffAccount, ServiceError> {
    let role = StaffRole::parse(&model.role).ok_or_else(|| {
        ServiceError::Internal(anyhow::anyhow!(
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
        two_factor_enabled: model.totp_secret.is_some(),
        created_at: model.created_at,
    })
}

/// The rules of signing in.
#[derive(Clone, Debug)]
pub struct SignInPolicy {
    /// Failures after which a login id is locked for the client that failed.
    pub max_failures: u32,
    /// How long that lock lasts.
    pub lockout: Duration,
    /// Attempts one client may make per quarter hour, whatever the ids.
    pub attempts_per_client: u32,
    /// Roles that sign in with two factors.
    pub two_factor_roles: Vec<StaffRole>,
}

impl SignInPolicy {
    /// Whether `role` signs in with two factors.
    pub fn requires_two_factor(&self, role: StaffRole) -> bool {
        self.two_factor_roles.contains(&role)
    }
}

/// What signing in needs besides the request.
#[derive(Clone, Copy, Debug)]
pub struct SignInContext<'a> {
    /// The database.
    pub db: &'a DatabaseConnection,
    /// Token keys.
    pub tokens: &'a TokenKeys,
    /// The password hashing gate.
    pub hasher: &'a Hasher,
    /// The rules.
    pub policy: &'a SignInPolicy,
    /// The client's key for the limits (see `crate::client`).
    pub client: &'a str,
    /// The client's address, for the audit trail.
    pub address: &'a str,
    /// Now.
    pub now: DateTime<Utc>,
}

fn busy(_: Busy) -> ServiceError {
    AccessError::RateLimited {
        retry_after_seconds: 1,
    }
    .into()
}

fn lockout_window(policy: &SignInPolicy) -> chrono::TimeDelta {
    chrono::TimeDelta::from_std(policy.lockout).unwrap_or(chrono::TimeDelta::minutes(15))
}

/// A session for `account`: a full one, or one limited to setting up two factors when its
/// role needs them and it has none.
fn session(
    tokens: &TokenKeys,
    policy: &SignInPolicy,
    account: staff_account::Model,
) -> Result<LoginResponse, ServiceError> {
    let staff = to_dto(account.clone())?;
    let setup_required = policy.requires_two_factor(staff.role) && account.totp_secret.is_none();
    let scope = setup_required.then_some(TWO_FACTOR_SETUP_SCOPE);
    Ok(LoginResponse {
        access_token: tokens.issue(staff.id, staff.role, account.session_epoch, scope)?,
        token_type: "Bearer".to_owned(),
        expires_in: tokens.ttl_seconds(),
        staff,
        two_factor_setup_required: setup_required,
    })
}

/// The outcome of checking a one-time code: what to store so it is not used again.
enum SecondFactor {
    Totp { step: i64 },
    Recovery { left: Vec<String> },
}

/// Checks `code` against the account's authenticator secret, then its recovery codes.
fn second_factor(
    account: &staff_account::Model,
    code: &str,
    now: DateTime<Utc>,
) -> Option<SecondFactor> {
    let secret = account.totp_secret.as_deref()?;
    if let Some(step) = totp::accepted_step(secret, code, now, account.totp_last_step) {
        return Some(SecondFactor::Totp { step });
    }
    let stored: Vec<String> = account
        .recovery_codes
        .as_deref()
        .and_then(|codes| serde_json::from_str(codes).ok())
        .unwrap_or_default();
    totp::use_recovery_code(&stored, code).map(|left| SecondFactor::Recovery { left })
}

/// Stores that a code was used, conditionally on the account's state as read, so that two
/// requests racing with one code cannot both pass. Returns whether this one did.
async fn consume(
    db: &impl ConnectionTrait,
    account: &staff_account::Model,
    used: SecondFactor,
) -> Result<bool, ServiceError> {
    let used = match used {
        SecondFactor::Totp { step } => {
            StaffMutation::use_code_step(db, account.id, account.totp_last_step, step).await?
        }
        SecondFactor::Recovery { left } => {
            let left = serde_json::to_string(&left)
                .map_err(|error| ServiceError::Internal(error.into()))?;
            StaffMutation::use_recovery_code(db, account.id, account.recovery_codes.clone(), left)
                .await?
        }
    };
    Ok(used)
}

/// Checks credentials and issues a token: see the module documentation.
pub async fn login(
    ctx: SignInContext<'_>,
    request: LoginRequest,
) -> Result<LoginResponse, ServiceError> {
    validate_login(&request).map_err(ServiceError::Validation)?;
    let SignInContext {
        db,
        tokens,
        hasher,
        policy,
        client,
        address,
        now,
    } = ctx;
    limits::rate_limit(
        db,
        &format!("sign-in:{client}"),
        i32::try_from(policy.attempts_per_client).unwrap_or(i32::MAX),
        ATTEMPT_WINDOW,
        now,
    )
    .await?;
    let login_id = request.login_id.trim().to_owned();
    let failures_key = limits::hashed_key("sign-in-failed", &[&login_id.to_lowercase(), client]);
    let window = lockout_window(policy);
    let locked = limits::hits(db, &failures_key, window, now).await?
        >= i32::try_from(policy.max_failures).unwrap_or(i32::MAX);
    let account = StaffQuery::by_login_id(db, &login_id).await?;
    // The same work whatever the case: one verification, against the account's hash or a
    // dummy one.
    let password_matches = match &account {
        Some(account) if !locked => hasher
            .verify(request.password, account.password_hash.clone())
            .await
            .map_err(busy)?,
        _ => {
            hasher
                .verify_against_dummy(request.password)
                .await
                .map_err(busy)?;
            false
        }
    };
    let refuse =
        async |account: Option<&staff_account::Model>| -> Result<LoginResponse, ServiceError> {
            limits::count(db, &failures_key, window, now).await?;
            audit::record_sign_in(
                db,
                account.map(|account| account.id),
                &login_id,
                AuditOutcome::Refused,
                address,
                now,
            )
            .await?;
            Err(AccessError::InvalidCredentials.into())
        };
    let account = match account {
        Some(account) if password_matches && !account.disabled => account,
        other => return refuse(other.as_ref()).await,
    };
    if account.totp_secret.is_some() {
        let Some(code) = request
            .code
            .as_deref()
            .filter(|code| !code.trim().is_empty())
        else {
            return Err(AccessError::SecondFactorRequired.into());
        };
        let accepted = match second_factor(&account, code, now) {
            Some(used) => consume(db, &account, used).await?,
            None => false,
        };
        if !accepted {
            return refuse(Some(&account)).await;
        }
    }
    limits::forget(db, &failures_key).await?;
    audit::record_sign_in(
        db,
        Some(account.id),
        &login_id,
        AuditOutcome::Ok,
        address,
        now,
    )
    .await?;
    tracing::info!(staff_id = account.id, "staff signed in");
    // Using a code changed only its bookkeeping, not what the session is made of.
    session(tokens, policy, account)
}

/// Raises an account's session epoch: every token issued before ends.
pub async fn end_sessions(db: &impl ConnectionTrait, staff_id: i64) -> Result<(), ServiceError> {
    Ok(StaffMutation::end_sessions(db, staff_id).await?)
}

/// Signs out: ends every session of the account, on every device.
pub async fn logout(
    db: &DatabaseConnection,
    actor: Actor,
    staff_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    end_sessions(db, staff_id).await?;
    audit::record(db, Event::ok(actor, AuditAction::SignOut), now).await
}

fn active_account(
    account: Option<staff_account::Model>,
) -> Result<staff_account::Model, ServiceError> {
    account
        .filter(|account| !account.disabled)
        .ok_or(AccessError::Unauthorized("The account no longer exists or is disabled.").into())
}

/// Re-authentication before a sensitive action: the password, and the code when the
/// account has two factors, open those actions for five minutes.
pub async fn step_up(
    db: &DatabaseConnection,
    hasher: &Hasher,
    actor: Actor,
    staff_id: i64,
    request: StepUpRequest,
    now: DateTime<Utc>,
) -> Result<StepUp, ServiceError> {
    limits::rate_limit(
        db,
        &format!("password-check:{staff_id}"),
        PASSWORD_CHECKS_PER_WINDOW,
        ATTEMPT_WINDOW,
        now,
    )
    .await?;
    let account = active_account(StaffQuery::find(db, staff_id).await?)?;
    let matches = hasher
        .verify(request.password, account.password_hash.clone())
        .await
        .map_err(busy)?;
    let refused = || {
        ServiceError::invalid_field(
            "password",
            FieldErrorCode::Incorrect,
            "the password or the code is not correct",
        )
    };
    if !matches {
        audit::record(
            db,
            Event {
                outcome: AuditOutcome::Refused,
                ..Event::ok(actor, AuditAction::StepUp)
            },
            now,
        )
        .await?;
        return Err(refused());
    }
    if account.totp_secret.is_some() {
        let accepted = match request
            .code
            .as_deref()
            .and_then(|code| second_factor(&account, code, now))
        {
            Some(used) => consume(db, &account, used).await?,
            None => false,
        };
        if !accepted {
            return Err(ServiceError::invalid_field(
                "code",
                FieldErrorCode::Incorrect,
                "the code is not correct",
            ));
        }
    }
    let until = now + STEP_UP_LIFETIME;
    StaffMutation::open_step_up(db, staff_id, until).await?;
    audit::record(db, Event::ok(actor, AuditAction::StepUp), now).await?;
    Ok(StepUp { until })
}

/// Refuses a sensitive action unless the member re-authenticated in the last five minutes.
pub async fn require_recent_step_up(
    db: &impl ConnectionTrait,
    staff_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let fresh = StaffQuery::find(db, staff_id)
        .await?
        .and_then(|account| account.step_up_until)
        .is_some_and(|until| until > now);
    if fresh {
        Ok(())
    } else {
        Err(AccessError::StepUpRequired.into())
    }
}

/// Starts setting up two-factor sign-in: a new secret, kept pending until its first code.
pub async fn start_two_factor(
    db: &DatabaseConnection,
    staff_id: i64,
) -> Result<TwoFactorSetup, ServiceError> {
    let account = active_account(StaffQuery::find(db, staff_id).await?)?;
    let secret = totp::new_secret();
    let internal = || ServiceError::Internal(anyhow::anyhow!("an otpauth URI could not be made"));
    let otpauth_uri = totp::otpauth_uri(&secret, &account.login_id).ok_or_else(internal)?;
    let qr_svg = totp::qr_svg(&otpauth_uri).ok_or_else(internal)?;
    StaffMutation::keep_pending_secret(db, staff_id, &secret).await?;
    Ok(TwoFactorSetup {
        secret,
        otpauth_uri,
        qr_svg,
    })
}

/// Confirms the set-up with the first code: two-factor sign-in is on, the recovery codes are
/// shown once, every earlier session ends and a new full one begins.
pub async fn confirm_two_factor(
    db: &DatabaseConnection,
    tokens: &TokenKeys,
    policy: &SignInPolicy,
    actor: Actor,
    staff_id: i64,
    request: ConfirmTwoFactorRequest,
    now: DateTime<Utc>,
) -> Result<TwoFactorEnabled, ServiceError> {
    limits::rate_limit(
        db,
        &format!("two-factor-confirm:{staff_id}"),
        PASSWORD_CHECKS_PER_WINDOW,
        ATTEMPT_WINDOW,
        now,
    )
    .await?;
    let account = active_account(StaffQuery::find(db, staff_id).await?)?;
    let pending = account.totp_pending_secret.clone().ok_or_else(|| {
        ServiceError::invalid_field(
            "code",
            FieldErrorCode::NoSetup,
            "start the set-up first: POST /api/v1/auth/two-factor/setup",
        )
    })?;
    let step = totp::accepted_step(&pending, &request.code, now, None).ok_or_else(|| {
        ServiceError::invalid_field("code", FieldErrorCode::Incorrect, "the code is not correct")
    })?;
    let (recovery_codes, hashes) = totp::new_recovery_codes();
    let hashes =
        serde_json::to_string(&hashes).map_err(|error| ServiceError::Internal(error.into()))?;
    let enabled = StaffMutation::enable_two_factor(db, staff_id, &pending, step, hashes).await?;
    if !enabled {
        return Err(ServiceError::Conflict(
            "The set-up changed meanwhile; start again.".to_owned(),
        ));
    }
    audit::record(db, Event::ok(actor, AuditAction::TwoFactorEnable), now).await?;
    let account = active_account(StaffQuery::find(db, staff_id).await?)?;
    Ok(TwoFactorEnabled {
        recovery_codes,
        session: session(tokens, policy, account)?,
    })
}

/// An administrator turns a member's two-factor sign-in off (a lost phone and no recovery
/// codes): the member sets it up again at the next sign-in, and their sessions end.
pub async fn reset_two_factor(
    db: &DatabaseConnection,
    actor: Actor,
    staff_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if let Actor::Staff { id, .. } = actor {
        require_recent_step_up(db, id, now).await?;
    }
    let account = StaffQuery::find(db, staff_id)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The staff account".to_owned()))?;
    StaffMutation::clear_two_factor(db, staff_id).await?;
    audit::record(
        db,
        Event::ok(actor, AuditAction::TwoFactorReset).on(account.login_id),
        now,
    )
    .await
}

/// The account a staff token speaks for, as it is now.
#[derive(Clone, Debug)]
pub struct CurrentSession {
    /// The account.
    pub account: madoguchi_shared::dto::staff::StaffAccount,
    /// The session may only set up two-factor sign-in.
    pub setup_only: bool,
}

/// Checks a verified token's account against the database: the account exists, is not
/// disabled, and has not ended its sessions since the token was issued (a sign-out, a
/// password change or reset, a role change). A session of a role that must use two factors
/// on an account without them may only set them up.
pub async fn current_session(
    db: &impl ConnectionTrait,
    policy: &SignInPolicy,
    staff_id: i64,
    epoch: i32,
    scope: Option<&str>,
) -> Result<CurrentSession, ServiceError> {
    let account =
        StaffQuery::find_enabled(db, staff_id)
            .await?
            .ok_or(AccessError::Unauthorized(
                "The account no longer exists or is disabled.",
            ))?;
    if account.session_epoch != epoch {
        return Err(AccessError::Unauthorized(
            "This session has ended (signed out, or the password or role changed); sign in again.",
        )
        .into());
    }
    let without_second_factor = account.totp_secret.is_none();
    let account = to_dto(account)?;
    let setup_only = scope == Some(TWO_FACTOR_SETUP_SCOPE)
        || (policy.requires_two_factor(account.role) && without_second_factor);
    Ok(CurrentSession {
        account,
        setup_only,
    })
}
