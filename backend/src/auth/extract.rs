//! The `Staff<P>` extractor: a handler that takes it only runs for a signed-in staff member
//! whose current role the policy `P` allows.
//!
//! The token proves who is calling; the account is read again on each request so that a
//! disabled account or a changed role takes effect at once, not when the token expires.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use madoguchi_shared::dto::auth::StaffRole;

use crate::error::AppError;
use crate::service;
use crate::startup::AppState;

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

fn bearer_token(request: &HttpRequest) -> Result<String, AppError> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(AppError::Unauthorized(
            "Sign in and send the token as Authorization: Bearer <token>.",
        ))?;
    let value = value
        .to_str()
        .map_err(|_| AppError::Unauthorized("The Authorization header is not valid text."))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim().to_owned())
        }
        _ => Err(AppError::Unauthorized(
            "The Authorization header must be Bearer <token>.",
        )),
    }
}

impl<P: Policy> FromRequest for Staff<P> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let token = bearer_token(request);
        let state = request.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let state = state
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("AppState is not registered")))?;
            let claims = state.tokens.verify(&token?)?;
            let staff_id: i64 = claims
                .sub
                .parse()
                .map_err(|_| AppError::Unauthorized("The token is invalid."))?;
            let account = service::staff::find_active(&state.db, staff_id)
                .await?
                .ok_or(AppError::Unauthorized(
                    "The account no longer exists or is disabled.",
                ))?;
            if !P::ROLES.contains(&account.role) {
                return Err(AppError::Forbidden);
            }
            Ok(Staff {
                id: account.id,
                role: account.role,
                policy: PhantomData,
            })
        })
    }
}
