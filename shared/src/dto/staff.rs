//! Staff accounts, managed by city administrators.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::auth::StaffRole;

/// A staff account as the API shows it (never with its password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    /// Account id.
    pub id: i64,
    /// Login id, unique.
    #[cfg_attr(feature = "openapi", schema(example = "operator01"))]
    pub login_id: String,
    /// Name shown in history and menus.
    #[cfg_attr(feature = "openapi", schema(example = "山田 花子"))]
    pub display_name: String,
    /// Role, deciding what the account may do.
    pub role: StaffRole,
    /// A disabled account cannot sign in.
    pub disabled: bool,
    /// Whether the account signs in with a one-time code too.
    #[serde(default)]
    pub two_factor_enabled: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/staff`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateStaffRequest {
    /// Login id: 3-32 characters of a-z, 0-9, `.`, `_` or `-`.
    #[cfg_attr(feature = "openapi", schema(example = "operator01"))]
    pub login_id: String,
    /// Name shown in history and menus, 1-64 characters.
    #[cfg_attr(feature = "openapi", schema(example = "山田 花子"))]
    pub display_name: String,
    /// Role of the new account.
    pub role: StaffRole,
    /// Initial password, at least 12 characters.
    #[cfg_attr(feature = "openapi", schema(example = "correct horse battery staple"))]
    pub password: String,
}

/// Body of `PATCH /api/v1/staff/{id}`: only the fields given change. Nobody may change
/// their own role or disable themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateStaffRequest {
    /// New display name, 1-64 characters.
    #[serde(default)]
    pub display_name: Option<String>,
    /// New role.
    #[serde(default)]
    pub role: Option<StaffRole>,
    /// Disable (true) or re-enable (false) the account.
    #[serde(default)]
    pub disabled: Option<bool>,
}

/// Answer of `POST /api/v1/staff/{id}/password-reset`: a new password, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordReset {
    /// The account.
    pub account: StaffAccount,
    /// The generated password; the server keeps only its hash.
    pub temporary_password: String,
}
