//! A staff member's account.

use sea_orm::entity::prelude::*;

/// Row of `staff_account`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_account")]
pub struct Model {
    /// Account id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Unique login id.
    #[sea_orm(unique)]
    pub login_id: String,
    /// Name shown in menus and history.
    pub display_name: String,
    /// Wire name of the [`madoguchi_shared::dto::staff::StaffRole`].
    pub role: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// A disabled account cannot sign in or use a token.
    pub disabled: bool,
    /// Consecutive failed sign-ins since the last success or lock.
    pub failed_logins: i32,
    /// Sign-in refused until then.
    pub locked_until: Option<DateTimeUtc>,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
    /// Tokens issued before this epoch are no longer accepted.
    pub session_epoch: i32,
    /// The account's TOTP secret (base32) once two-factor sign-in is set up.
    pub totp_secret: Option<String>,
    /// A secret being set up, until its first code confirms it.
    pub totp_pending_secret: Option<String>,
    /// The last TOTP time step accepted, so no code is used twice.
    pub totp_last_step: Option<i64>,
    /// Argon2 hashes of the unused recovery codes, as a JSON list.
    pub recovery_codes: Option<String>,
    /// Until when the member re-authenticated for a sensitive action.
    pub step_up_until: Option<DateTimeUtc>,
}

/// No relations yet.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
