//! A reservation (予約).

use sea_orm::entity::prelude::*;

/// Row of `reservation`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reservation")]
pub struct Model {
    /// Reservation id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The reservation number.
    #[sea_orm(unique)]
    pub number: String,
    /// Its location.
    pub location_id: i64,
    /// Its slot.
    pub slot_id: i64,
    /// Status name.
    pub status: String,
    /// Channel name.
    pub channel: String,
    /// Email language.
    pub language: String,
    /// Seats its active members take.
    pub units: i32,
    /// Contact fields as a JSON object.
    pub contact_json: String,
    /// Applicant's name, for search.
    pub name: Option<String>,
    /// Applicant's name in kana, for search.
    pub name_kana: Option<String>,
    /// Phone digits, for search and look-up.
    pub phone_digits: Option<String>,
    /// Lower-cased email, for look-up.
    pub email: Option<String>,
    /// Card notice number (交付通知書番号), normalised, when the form asks for it.
    pub notice_number: Option<String>,
    /// Client's Idempotency-Key.
    #[sea_orm(unique)]
    pub idempotency_key: Option<String>,
    /// Hash of the request that used the key.
    pub request_fingerprint: Option<String>,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
    /// How many times it changed: the `SEQUENCE` of its calendar entry.
    pub revision: i32,
}

/// The slot a reservation is in, for joins when listing by day and time.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Its slot.
    #[sea_orm(
        belongs_to = "super::slot::Entity",
        from = "Column::SlotId",
        to = "super::slot::Column::Id"
    )]
    Slot,
}

impl Related<super::slot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Slot.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
