//! Staff sign-in.

use serde::{Deserialize, Serialize};

use super::staff::StaffAccount;

/// Credentials for `POST /api/v1/auth/login`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// The staff member's login id.
    #[cfg_attr(feature = "openapi", schema(example = "operator01"))]
    pub login_id: String,
    /// The password.
    #[cfg_attr(feature = "openapi", schema(example = "correct horse battery staple"))]
    pub password: String,
    /// With two-factor sign-in: the authenticator app's six-digit code, or one of the
    /// recovery codes. Omitted on the first try; `second_factor_required` asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(example = "123456"))]
    pub code: Option<String>,
}

/// A signed-in session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// A JWT to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    #[cfg_attr(feature = "openapi", schema(example = "Bearer"))]
    pub token_type: String,
    /// Seconds until the token expires; sign in again after that.
    #[cfg_attr(feature = "openapi", schema(example = 3600))]
    pub expires_in: u64,
    /// Who signed in.
    pub staff: StaffAccount,
    /// True when the role signs in with two factors and the account has not set them up:
    /// this session may only set them up (`POST /api/v1/auth/two-factor/setup`).
    #[serde(default)]
    pub two_factor_setup_required: bool,
}

/// A two-factor set-up in progress: the secret to add to an authenticator app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorSetup {
    /// The secret, base32, for typing into the app by hand.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    )]
    pub secret: String,
    /// The `otpauth://` URI the QR code carries.
    pub otpauth_uri: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

/// Body of `POST /api/v1/auth/two-factor/confirm`: the first code the app shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmTwoFactorRequest {
    /// The six-digit code.
    #[cfg_attr(feature = "openapi", schema(example = "123456"))]
    pub code: String,
}

/// Two-factor sign-in is on: the recovery codes, shown this once, and a full session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorEnabled {
    /// Ten one-time codes for when the phone is lost; store them safely.
    pub recovery_codes: Vec<String>,
    /// A new session: the earlier tokens of the account have ended.
    pub session: LoginResponse,
}

/// Body of `POST /api/v1/auth/step-up`: the password (and code) again, before a sensitive
/// action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepUpRequest {
    /// The password.
    pub password: String,
    /// The authenticator's code or a recovery code, when the account has two factors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A step-up granted: sensitive actions are open until then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepUp {
    /// When it lapses.
    pub until: chrono::DateTime<chrono::Utc>,
}

/// Body of `POST /api/v1/auth/password`: a member changes their own password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    /// The password in use now (e.g. the temporary one an administrator gave).
    #[cfg_attr(feature = "openapi", schema(example = "Tmp4kR9xQ2mZp7Lw"))]
    pub current_password: String,
    /// The new password, at least 12 characters, different from the current one.
    #[cfg_attr(feature = "openapi", schema(example = "correct horse battery staple"))]
    pub new_password: String,
}
