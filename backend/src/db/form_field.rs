//! A contact field of the booking form (R7.4-ケ).

use sea_orm::entity::prelude::*;

/// Row of `form_field`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_field")]
pub struct Model {
    /// Field id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Key in a reservation's contact.
    #[sea_orm(unique)]
    pub key: String,
    /// Label, Japanese.
    pub label_ja: String,
    /// Label, English.
    pub label_en: String,
    /// Kind, as stored by `FieldKind::as_str`.
    pub kind: String,
    /// Required.
    pub required: bool,
    /// Position on the form.
    pub sort_order: i32,
    /// Shown on the form.
    pub active: bool,
}

/// Relations are followed with explicit queries.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
