//! Staff access tokens: HS256 JWTs with a pinned algorithm, issuer and audience.

use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use madoguchi_shared::dto::staff::StaffRole;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::auth::error::AccessError;
use crate::clock::Clock;
use crate::config::Secret;

const ISSUER: &str = "madoguchi";
const AUDIENCE: &str = "madoguchi-staff";
/// Audience of the tokens that open one reservation for a citizen (the signed link).
const CITIZEN_AUDIENCE: &str = "madoguchi-citizen";
/// The only algorithm accepted; a token naming another (including `none`) is refused.
const ALGORITHM: Algorithm = Algorithm::HS256;

/// What a staff token says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Staff account id.
    pub sub: String,
    /// Role when the token was issued; the current role is checked on each request.
    pub role: StaffRole,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Issued at, seconds since the epoch.
    pub iat: i64,
    /// Expires at, seconds since the epoch.
    pub exp: i64,
    /// The account's session epoch when the token was issued; raising the account's epoch
    /// (sign-out, password change, role change) ends every token of an earlier one.
    #[serde(default)]
    pub epoch: i32,
    /// What the token is limited to: `two_factor_setup` while the account must set up two
    /// factors before anything else; `None` for a full session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// The scope of a session that may only set up two-factor sign-in.
pub const TWO_FACTOR_SETUP_SCOPE: &str = "two_factor_setup";

/// What a citizen's reservation token says: which reservation it opens, until when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenClaims {
    /// The reservation number.
    pub sub: String,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Issued at.
    pub iat: i64,
    /// Expires at.
    pub exp: i64,
}

/// Keys and rules for issuing and checking tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    citizen_validation: Validation,
    ttl: Duration,
    clock: Clock,
}

/// The expiry every token carries; checked against the server's clock, not the library's.
trait Expiring {
    fn expires_at(&self) -> i64;
}

impl Expiring for Claims {
    fn expires_at(&self) -> i64 {
        self.exp
    }
}

impl Expiring for CitizenClaims {
    fn expires_at(&self) -> i64 {
        self.exp
    }
}

/// Why a token was refused.
enum Refusal {
    Expired,
    Invalid,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl TokenKeys {
    /// Keys from the configured secret; tokens live for `ttl` as `clock` tells time.
    pub fn new(secret: &Secret, ttl: Duration, clock: Clock) -> Self {
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        // The library would compare `exp` with the system time; the server's clock decides.
        validation.validate_exp = false;
        validation.leeway = 0;
        let mut citizen_validation = validation.clone();
        citizen_validation.set_audience(&[CITIZEN_AUDIENCE]);
        Self {
            encoding: EncodingKey::from_secret(secret.expose().as_bytes()),
            decoding: DecodingKey::from_secret(secret.expose().as_bytes()),
            validation,
            citizen_validation,
            ttl,
            clock,
        }
    }

    /// Decodes a token and checks its expiry against the server's clock.
    fn decode<C: DeserializeOwned + Expiring>(
        &self,
        token: &str,
        validation: &Validation,
    ) -> Result<C, Refusal> {
        let claims = jsonwebtoken::decode::<C>(token, &self.decoding, validation)
            .map_err(|_| Refusal::Invalid)?
            .claims;
        if claims.expires_at() <= self.clock.now().timestamp() {
            return Err(Refusal::Expired);
        }
        Ok(claims)
    }

    /// Issues the token that lets a citizen open reservation `number` until `expires_at`.
    pub fn issue_citizen(
        &self,
        number: &str,
        expires_at: chrono::DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let claims = CitizenClaims {
            sub: number.to_owned(),
            iss: ISSUER.to_owned(),
            aud: CITIZEN_AUDIENCE.to_owned(),
            iat: self.clock.now().timestamp(),
            exp: expires_at.timestamp(),
        };
        jsonwebtoken::encode(&Header::new(ALGORITHM), &claims, &self.encoding)
            .map_err(|error| anyhow::anyhow!("signing a token failed: {error}"))
    }

    /// The reservation number a citizen token opens, if the token is valid.
    pub fn verify_citizen(&self, token: &str) -> Result<String, AccessError> {
        self.decode::<CitizenClaims>(token, &self.citizen_validation)
            .map(|claims| claims.sub)
            .map_err(|refusal| match refusal {
                Refusal::Expired => AccessError::Unauthorized(
                    "The link has expired; open the reservation with its number again.",
                ),
                Refusal::Invalid => AccessError::Unauthorized("The token is invalid."),
            })
    }

    /// Seconds a new token lives.
    pub fn ttl_seconds(&self) -> u64 {
        self.ttl.as_secs()
    }

    /// Issues a token for a staff account in its current session epoch, limited to `scope`
    /// when given.
    pub fn issue(
        &self,
        staff_id: i64,
        role: StaffRole,
        epoch: i32,
        scope: Option<&str>,
    ) -> anyhow::Result<String> {
        let now = self.clock.now().timestamp();
        let ttl = i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX / 2);
        self.sign(&Claims {
            sub: staff_id.to_string(),
            role,
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            iat: now,
            exp: now.saturating_add(ttl),
            epoch,
            scope: scope.map(str::to_owned),
        })
    }

    /// Signs arbitrary claims (tests use it to forge expired tokens with the real key).
    pub fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        jsonwebtoken::encode(&Header::new(ALGORITHM), claims, &self.encoding)
            .map_err(|error| anyhow::anyhow!("signing a token failed: {error}"))
    }

    /// Checks a token's signature, algorithm, issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Result<Claims, AccessError> {
        self.decode::<Claims>(token, &self.validation)
            .map_err(|refusal| match refusal {
                Refusal::Expired => {
                    AccessError::Unauthorized("The token has expired; sign in again.")
                }
                Refusal::Invalid => AccessError::Unauthorized("The token is invalid."),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Long past: a token that verifies under it proves expiry is not read from the system.
    fn pinned_clock() -> Clock {
        Clock::pinned(
            chrono::DateTime::parse_from_rfc3339("2001-12-28T16:59:00+09:00")
                .expect("instant")
                .with_timezone(&Utc),
        )
    }

    fn keys(secret: &str) -> TokenKeys {
        TokenKeys::new(
            &Secret::new(secret),
            Duration::from_secs(60),
            pinned_clock(),
        )
    }

    #[test]
    fn an_issued_token_verifies_with_the_same_secret() {
        let keys = keys("test-secret-test-secret-test-secret");
        let token = keys.issue(7, StaffRole::Operator, 0, None).expect("issues");
        let claims = keys.verify(&token).expect("verifies");
        assert_eq!(claims.sub, "7");
        assert_eq!(claims.role, StaffRole::Operator);
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let token = keys("secret-one-secret-one-secret-one")
            .issue(7, StaffRole::CityAdmin, 0, None)
            .expect("issues");
        assert!(
            keys("secret-two-secret-two-secret-two")
                .verify(&token)
                .is_err()
        );
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = keys("test-secret-test-secret-test-secret");
        let past = keys.clock.now().timestamp() - 120;
        let token = keys
            .sign(&Claims {
                sub: "7".to_owned(),
                role: StaffRole::Operator,
                iss: ISSUER.to_owned(),
                aud: AUDIENCE.to_owned(),
                iat: past - 60,
                exp: past,
                epoch: 0,
                scope: None,
            })
            .expect("signs");
        assert!(
            matches!(keys.verify(&token), Err(AccessError::Unauthorized(reason)) if reason.contains("expired"))
        );
    }

    #[test]
    fn citizen_and_staff_tokens_cannot_stand_in_for_each_other() {
        let keys = keys("test-secret-test-secret-test-secret");
        let citizen = keys
            .issue_citizen("ACK7-9WXY", keys.clock.now() + chrono::Duration::days(1))
            .expect("issues");
        assert_eq!(keys.verify_citizen(&citizen).expect("valid"), "ACK7-9WXY");
        assert!(
            keys.verify(&citizen).is_err(),
            "a citizen link is not a staff token"
        );
        let staff = keys
            .issue(1, StaffRole::CityAdmin, 0, None)
            .expect("issues");
        assert!(
            keys.verify_citizen(&staff).is_err(),
            "a staff token is not a citizen link"
        );
    }

    #[test]
    fn expiry_follows_the_servers_clock_not_the_system_time() {
        let keys = keys("test-secret-test-secret-test-secret");
        let token = keys.issue(7, StaffRole::Operator, 0, None).expect("issues");
        assert!(keys.verify(&token).is_ok(), "valid for its 60 seconds");
        keys.clock.advance(chrono::TimeDelta::seconds(59));
        assert!(keys.verify(&token).is_ok(), "still valid at 59 s");
        keys.clock.advance(chrono::TimeDelta::seconds(1));
        assert!(
            matches!(keys.verify(&token), Err(AccessError::Unauthorized(reason)) if reason.contains("expired")),
            "expired at 60 s"
        );
    }

    #[test]
    fn an_unsigned_token_is_refused() {
        // {"alg":"none"} header with valid-looking claims and no signature.
        let header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
        let claims = "eyJzdWIiOiIxIiwicm9sZSI6ImNpdHlfYWRtaW4iLCJpc3MiOiJtYWRvZ3VjaGkiLCJhdWQiOiJtYWRvZ3VjaGktc3RhZmYiLCJpYXQiOjEsImV4cCI6OTk5OTk5OTk5OX0";
        let token = format!("{header}.{claims}.");
        assert!(
            keys("test-secret-test-secret-test-secret")
                .verify(&token)
                .is_err()
        );
    }
}
