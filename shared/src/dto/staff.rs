//! Staff accounts, managed by city administrators.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a member of staff does in madoguchi; decides which endpoints they may call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Call-center operator (コールセンター オペレーター): books on behalf of callers.
    Operator,
    /// Call-center supervisor (コールセンター 責任者): operators' work, inquiry log, figures.
    CallCenterSupervisor,
    /// City staff (市職員): slots, lists, history, reports.
    CityStaff,
    /// City administrator (市 管理者): everything city staff do, plus staff accounts.
    CityAdmin,
}
impl StaffRole {
    /// Every role, in order of the staff menu.
    pub const ALL: [StaffRole; 4] = [
        StaffRole::Operator,
        StaffRole::CallCenterSupervisor,
        StaffRole::CityStaff,
        StaffRole::CityAdmin,
    ];

    /// The wire name, as in JSON and in the JWT.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Operator => "operator",
            StaffRole::CallCenterSupervisor => "call_center_supervisor",
            StaffRole::CityStaff => "city_staff",
            StaffRole::CityAdmin => "city_admin",
        }
    }

    /// Parses the wire name.
    pub fn parse(name: &str) -> Option<StaffRole> {
        StaffRole::ALL
            .into_iter()
            .find(|role| role.as_str() == name)
    }

    /// Whether the role belongs to the call center (as opposed to the city).
    pub fn is_call_center(self) -> bool {
        matches!(self, StaffRole::Operator | StaffRole::CallCenterSupervisor)
    }

    /// Japanese label for menus.
    pub fn label_ja(self) -> &'static str {
        match self {
            StaffRole::Operator => "オペレーター",
            StaffRole::CallCenterSupervisor => "コールセンター責任者",
            StaffRole::CityStaff => "市職員",
            StaffRole::CityAdmin => "市管理者",
        }
    }
}

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
