//! A contract-end export of all personal data (R13.3), and the purge that followed it.

use sea_orm::entity::prelude::*;

/// Row of `contract_export`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contract_export")]
pub struct Model {
    /// Export id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// SHA-256 of the archive, hex.
    pub sha256: String,
    /// Archive size.
    pub byte_count: i64,
    /// Files and row counts in the archive, as JSON.
    pub manifest_json: String,
    /// The administrator who exported.
    pub created_by: Option<i64>,
    /// When.
    pub created_at: DateTimeUtc,
    /// When the purge ran, if it did.
    pub purged_at: Option<DateTimeUtc>,
    /// The purge report, as JSON.
    pub purge_report_json: Option<String>,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
