//! Staff sign-in.

use serde::{Deserialize, Serialize};

use super::staff::StaffAccount;

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
