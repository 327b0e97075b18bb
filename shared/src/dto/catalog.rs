//! What can be booked, and where: procedures (R5.1) and locations.

use serde::{Deserialize, Serialize};

/// A bookable procedure (予約の種別, R5.1) with what to bring and notes (R5.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Procedure {
    /// Procedure id.
    pub id: i64,
    /// Stable code, e.g. `card_pickup`.
    #[cfg_attr(feature = "openapi", schema(example = "card_pickup"))]
    pub code: String,
    /// Name in Japanese.
    #[cfg_attr(feature = "openapi", schema(example = "カードの受取り"))]
    pub name_ja: String,
    /// Name in English.
    #[cfg_attr(feature = "openapi", schema(example = "Card pickup"))]
    pub name_en: String,
    /// What to bring (持参物), Japanese.
    pub what_to_bring_ja: String,
    /// What to bring, English.
    pub what_to_bring_en: String,
    /// Notes for the visit (留意事項), Japanese.
    pub notes_ja: String,
    /// Notes for the visit, English.
    pub notes_en: String,
    /// Seats one person with this procedure takes in a time band.
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub units_per_person: i32,
    /// Whether the procedure can be booked now.
    pub active: bool,
    /// Position in lists.
    pub sort_order: i32,
}

/// A place where visits happen (窓口 / 庁舎).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    /// Location id.
    pub id: i64,
    /// Stable code, e.g. `main_office`.
    #[cfg_attr(feature = "openapi", schema(example = "main_office"))]
    pub code: String,
    /// Name in Japanese.
    #[cfg_attr(feature = "openapi", schema(example = "本庁 市民課"))]
    pub name_ja: String,
    /// Name in English.
    #[cfg_attr(feature = "openapi", schema(example = "City Hall, Citizens Division"))]
    pub name_en: String,
    /// Postal address, Japanese.
    pub address_ja: String,
    /// Whether bookings can be made here now.
    pub active: bool,
    /// Position in lists.
    pub sort_order: i32,
}

/// Body to create or replace a procedure (the city owns the texts, R5.1, R5.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureInput {
    /// Stable code: 1-32 characters of a-z, 0-9 and `_`.
    #[cfg_attr(feature = "openapi", schema(example = "card_pickup"))]
    pub code: String,
    /// Name in Japanese.
    #[cfg_attr(feature = "openapi", schema(example = "カードの受取り"))]
    pub name_ja: String,
    /// Name in English.
    #[cfg_attr(feature = "openapi", schema(example = "Card pickup"))]
    pub name_en: String,
    /// What to bring (持参物), Japanese.
    pub what_to_bring_ja: String,
    /// What to bring, English.
    pub what_to_bring_en: String,
    /// Notes (留意事項), Japanese.
    pub notes_ja: String,
    /// Notes, English.
    pub notes_en: String,
    /// Seats one person takes (1-10).
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub units_per_person: i32,
    /// Bookable now.
    pub active: bool,
    /// Position in lists.
    pub sort_order: i32,
}

/// Body to create or replace a location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationInput {
    /// Stable code: 1-32 characters of a-z, 0-9 and `_`.
    #[cfg_attr(feature = "openapi", schema(example = "ono_branch"))]
    pub code: String,
    /// Name in Japanese.
    #[cfg_attr(feature = "openapi", schema(example = "大野支所"))]
    pub name_ja: String,
    /// Name in English.
    #[cfg_attr(feature = "openapi", schema(example = "Ono Branch Office"))]
    pub name_en: String,
    /// Postal address, Japanese.
    pub address_ja: String,
    /// Bookable now.
    pub active: bool,
    /// Position in lists.
    pub sort_order: i32,
}
