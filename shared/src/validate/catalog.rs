//! Rules for the city's catalog: procedures and locations.

use super::Violations;
use crate::dto::catalog::{LocationInput, ProcedureInput};
use crate::error::{FieldError, FieldErrorCode};

fn code(violations: &mut Violations, code: &str) {
    let valid = (1..=32).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !valid {
        violations.add(
            "code",
            FieldErrorCode::InvalidFormat,
            "1-32 characters of a-z, 0-9 and _",
        );
    }
}

/// One line of text (a name, an address) or, with `multi_line`, a paragraph.
fn text(
    violations: &mut Violations,
    field: &str,
    value: &str,
    required: bool,
    max: usize,
    multi_line: bool,
) {
    if required && value.trim().is_empty() {
        violations.add(field, FieldErrorCode::Required, "must not be empty");
    } else if value.chars().count() > max {
        violations.add(
            field,
            FieldErrorCode::TooLong,
            format!("at most {max} characters"),
        );
    } else {
        violations.text(field, value, multi_line);
    }
}

/// Checks a procedure.
pub fn validate_procedure(input: &ProcedureInput) -> Result<(), Vec<FieldError>> {
    let mut violations = Violations::default();
    code(&mut violations, &input.code);
    text(&mut violations, "name_ja", &input.name_ja, true, 128, false);
    text(&mut violations, "name_en", &input.name_en, true, 128, false);
    text(
        &mut violations,
        "what_to_bring_ja",
        &input.what_to_bring_ja,
        true,
        2000,
        true,
    );
    text(
        &mut violations,
        "what_to_bring_en",
        &input.what_to_bring_en,
        false,
        2000,
        true,
    );
    text(
        &mut violations,
        "notes_ja",
        &input.notes_ja,
        false,
        2000,
        true,
    );
    text(
        &mut violations,
        "notes_en",
        &input.notes_en,
        false,
        2000,
        true,
    );
    if !(1..=10).contains(&input.units_per_person) {
        violations.add(
            "units_per_person",
            FieldErrorCode::OutOfRange,
            "must be 1 to 10",
        );
    }
    violations.into_result()
}

/// Checks a location.
pub fn validate_location(input: &LocationInput) -> Result<(), Vec<FieldError>> {
    let mut violations = Violations::default();
    code(&mut violations, &input.code);
    text(&mut violations, "name_ja", &input.name_ja, true, 128, false);
    text(&mut violations, "name_en", &input.name_en, true, 128, false);
    text(
        &mut violations,
        "address_ja",
        &input.address_ja,
        false,
        256,
        false,
    );
    violations.into_result()
}
