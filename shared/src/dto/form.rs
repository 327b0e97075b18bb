//! The contact fields the city asks for (R7.4-ケ).

use serde::{Deserialize, Serialize};

/// What a field holds, and so how it is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text, one line.
    Text,
    /// Full-width katakana (フリガナ).
    Katakana,
    /// A Japanese phone number, 10 or 11 digits starting with 0.
    Phone,
    /// An email address.
    Email,
    /// A postal code, `123-4567`.
    PostalCode,
    /// A past date, `YYYY-MM-DD` (e.g. date of birth).
    Date,
}

impl FieldKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Katakana => "katakana",
            FieldKind::Phone => "phone",
            FieldKind::Email => "email",
            FieldKind::PostalCode => "postal_code",
            FieldKind::Date => "date",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<FieldKind> {
        [
            FieldKind::Text,
            FieldKind::Katakana,
            FieldKind::Phone,
            FieldKind::Email,
            FieldKind::PostalCode,
            FieldKind::Date,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == name)
    }
}

/// One field of the booking form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormField {
    /// Key in a reservation's `contact`, e.g. `phone`.
    #[cfg_attr(feature = "openapi", schema(example = "phone"))]
    pub key: String,
    /// Label, Japanese.
    #[cfg_attr(feature = "openapi", schema(example = "電話番号"))]
    pub label_ja: String,
    /// Label, English.
    #[cfg_attr(feature = "openapi", schema(example = "Phone number"))]
    pub label_en: String,
    /// How the value is checked.
    pub kind: FieldKind,
    /// Whether the form refuses to go on without it.
    pub required: bool,
}
