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
    /// Wire name of the [`madoguchi_shared::dto::auth::StaffRole`].
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
}

/// No relations yet.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
