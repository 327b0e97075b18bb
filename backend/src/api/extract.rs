//! The `Staff<P>` extractor: a handler that takes it only runs for a signed-in staff member
//! whose current role the policy `P` allows.
//!
//! The token proves who is calling; the account is read again on each request so that a
//! disabled account or a changed role takes effect at once, not when the token expires.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};
use madoguchi_shared::dto::staff::StaffAccount;
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::reservation_number::ReservationNumber;

use crate::api::error::AppError;
use crate::api::state::AppState;
use crate::auth::error::AccessError;
use crate::service;
use crate::service::actor::Actor;

/// Which roles may call an endpoint.
pub trait Policy {
    /// Roles allowed.
    const ROLES: &'static [StaffRole];
}

/// Any signed-in staff member.
#[derive(Debug)]
pub struct AnyStaff;

impl Policy for AnyStaff {
    const ROLES: &'static [StaffRole] = &StaffRole::ALL;
}

/// City staff and city administrators: slot settings, procedures, the form.
#[derive(Debug)]
pub struct CityStaff;

impl Policy for CityStaff {
    const ROLES: &'static [StaffRole] = &[StaffRole::CityStaff, StaffRole::CityAdmin];
}

/// Call-center supervisors and the city: figures and everyone's inquiry log.
#[derive(Debug)]
pub struct Supervisors;

impl Policy for Supervisors {
    const ROLES: &'static [StaffRole] = &[
        StaffRole::CallCenterSupervisor,
        StaffRole::CityStaff,
        StaffRole::CityAdmin,
    ];
}

/// City administrators only.
#[derive(Debug)]
pub struct CityAdmin;

impl Policy for CityAdmin {
    const ROLES: &'static [StaffRole] = &[StaffRole::CityAdmin];
}

/// A signed-in staff member allowed by policy `P`.
#[derive(Debug)]
pub struct Staff<P: Policy = AnyStaff> {
    /// Account id.
    pub id: i64,
    /// Current role.
    pub role: StaffRole,
    policy: PhantomData<P>,
}

impl<P: Policy> Staff<P> {
    /// This member of staff as the actor of a use case.
    pub fn actor(&self) -> Actor {
        Actor::Staff {
            id: self.id,
            role: self.role,
        }
    }
}

/// Reads the bearer token, if the request has an `Authorization` header at all.
fn optional_bearer_token(request: &HttpRequest) -> Option<Result<String, AppError>> {
    request
        .headers()
        .contains_key(header::AUTHORIZATION)
        .then(|| bearer_token(request))
}

fn bearer_token(request: &HttpRequest) -> Result<String, AppError> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(AccessError::Unauthorized(
            "Sign in and send the token as Authorization: Bearer <token>.",
        ))?;
    let value = value
        .to_str()
        .map_err(|_| AccessError::Unauthorized("The Authorization header is not valid text."))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim().to_owned())
        }
        _ => Err(
            AccessError::Unauthorized("The Authorization header must be Bearer <token>.").into(),
        ),
    }
}

fn app_state(request: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    request
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::from(anyhow::anyhow!("AppState is not registered")))
}

/// The session behind a staff token, refused if the account is disabled or gone or the
/// session was ended; it may be one limited to setting up two factors.
async fn session_from_token(
    state: &AppState,
    token: &str,
) -> Result<service::auth::CurrentSession, AppError> {
    let claims = state.tokens.verify(token)?;
    let staff_id: i64 = claims
        .sub
        .parse()
        .map_err(|_| AccessError::Unauthorized("The token is invalid."))?;
    service::auth::current_session(
        &state.db,
        &state.sign_in,
        staff_id,
        claims.epoch,
        claims.scope.as_deref(),
    )
    .await
    .map_err(AppError::from)
}

/// The account behind a full staff session.
async fn staff_from_token(state: &AppState, token: &str) -> Result<StaffAccount, AppError> {
    let session = session_from_token(state, token).await?;
    if session.setup_only {
        return Err(AccessError::TwoFactorSetupRequired.into());
    }
    Ok(session.account)
}

/// A signed-in member of staff, also one whose session may only set up two-factor sign-in:
/// for their own account, signing out and the set-up itself.
#[derive(Debug)]
pub struct SignedIn {
    /// The account as it is now.
    pub account: StaffAccount,
}

impl SignedIn {
    /// This member of staff as the actor of a use case.
    pub fn actor(&self) -> Actor {
        Actor::Staff {
            id: self.account.id,
            role: self.account.role,
        }
    }
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let token = bearer_token(request);
        let state = app_state(request);
        Box::pin(async move {
            let (state, token) = (state?, token?);
            let session = session_from_token(&state, &token).await?;
            Ok(SignedIn {
                account: session.account,
            })
        })
    }
}

impl<P: Policy> FromRequest for Staff<P> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let token = bearer_token(request);
        let state = app_state(request);
        let request = request.clone();
        Box::pin(async move {
            let (state, token) = (state?, token?);
            let account = staff_from_token(&state, &token).await?;
            if !P::ROLES.contains(&account.role) {
                return Err(AccessError::Forbidden.into());
            }
            // For the audit trail's middleware (`api::settings_trail`).
            request.extensions_mut().insert(Actor::Staff {
                id: account.id,
                role: account.role,
            });
            Ok(Staff {
                id: account.id,
                role: account.role,
                policy: PhantomData,
            })
        })
    }
}

/// Whoever calls an endpoint open to citizens and staff alike: a citizen without a token,
/// or a member of staff with one. A token that is present but invalid is refused, never
/// quietly treated as "no token".
#[derive(Debug)]
pub struct Caller(pub Actor);

impl FromRequest for Caller {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let token = optional_bearer_token(request);
        let state = app_state(request);
        Box::pin(async move {
            let Some(token) = token else {
                return Ok(Caller(Actor::Citizen));
            };
            let (state, token) = (state?, token?);
            let account = staff_from_token(&state, &token).await?;
            Ok(Caller(Actor::Staff {
                id: account.id,
                role: account.role,
            }))
        })
    }
}

/// Access to one reservation, named by the `{number}` in the path: any member of staff,
/// or the citizen holding that reservation's token (the signed link, or the token from a
/// look-up with the number and phone or email).
#[derive(Debug)]
pub struct ReservationAccess {
    /// Who is acting.
    pub actor: Actor,
    /// The reservation's number, parsed.
    pub number: ReservationNumber,
}

impl FromRequest for ReservationAccess {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let token = bearer_token(request);
        let state = app_state(request);
        let number = request
            .match_info()
            .get("number")
            .and_then(ReservationNumber::parse);
        Box::pin(async move {
            let (state, token) = (state?, token?);
            if let Ok(opened) = state.tokens.verify_citizen(&token) {
                // A citizen's token opens its own reservation and nothing else; any other
                // number answers as if it did not exist.
                // A cancelled reservation's link opens nothing any more.
                return match number {
                    Some(number) if number.as_str() == opened => {
                        service::reservations::citizen_link_open(&state.db, number.as_str())
                            .await?;
                        Ok(ReservationAccess {
                            actor: Actor::Citizen,
                            number,
                        })
                    }
                    _ => Err(AppError::not_found("The reservation".to_owned())),
                };
            }
            let account = staff_from_token(&state, &token).await?;
            let number = number.ok_or_else(|| AppError::not_found("The reservation".to_owned()))?;
            Ok(ReservationAccess {
                actor: Actor::Staff {
                    id: account.id,
                    role: account.role,
                },
                number,
            })
        })
    }
}
