//! The catalog as the console edits it: procedures, locations, the booking form's fields.

use madoguchi_shared::dto::form::FormField;

use super::{ApiError, staff};

/// The procedures: listed, added and replaced (`/{id}`) at this path.
pub const PROCEDURES: &str = "/api/v1/procedures";
/// The locations: listed, added and replaced (`/{id}`) at this path.
pub const LOCATIONS: &str = "/api/v1/locations";

/// The form's fields, in order.
pub async fn form_fields() -> Result<Vec<FormField>, ApiError> {
    staff::get("/api/v1/form-fields").await
}

/// Replaces the form's fields.
pub async fn replace_form_fields(fields: &[FormField]) -> Result<Vec<FormField>, ApiError> {
    staff::put("/api/v1/form-fields", &fields).await
}
