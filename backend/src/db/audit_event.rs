//! `audit_event`: one row per sign-in and per look at, export or change of personal data
//! and settings (R13.1). Rows are only ever added; the retention job and the contract-end
//! purge are the only ways they go.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When.
    pub at: DateTimeUtc,
    /// `staff`, `citizen` or `system`.
    pub actor_kind: String,
    /// The member of staff, if one acted.
    pub actor_staff_id: Option<i64>,
    /// Their login id at the time (kept if the account goes).
    pub actor_login: Option<String>,
    /// What was done, e.g. `sign_in`, `reservation.export`.
    pub action: String,
    /// `ok`, `refused` or `failed`.
    pub outcome: String,
    /// What it was done to: a reservation number, an account's login id, a setting.
    pub target: Option<String>,
    /// The rest, as JSON: a search's filter, an export's row count.
    pub detail: Option<String>,
    /// For sign-ins, the client's address.
    pub client: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
