//! Validation rules run on both sides: the SPA shows them inline, the server enforces them.
//! Each rule returns every failing field at once so a form can mark them all.

use crate::dto::auth::LoginRequest;
use crate::dto::staff::CreateStaffRequest;
use crate::error::FieldError;

/// Shortest password a staff account may have.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted (bounds the hashing work an attacker can ask for).
pub const MAX_PASSWORD_CHARS: usize = 256;
const LOGIN_ID_CHARS: std::ops::RangeInclusive<usize> = 3..=32;
const DISPLAY_NAME_CHARS: std::ops::RangeInclusive<usize> = 1..=64;

/// Collects field errors; empty means valid.
#[derive(Debug, Default)]
pub struct Violations(Vec<FieldError>);

impl Violations {
    /// Records that `field` broke `code`.
    pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, code, message));
    }

    /// `Ok` when nothing was recorded, else every violation.
    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }

    fn require(&mut self, field: &str, value: &str) -> bool {
        if value.trim().is_empty() {
            self.add(field, "required", "must not be empty");
            false
        } else {
            true
        }
    }

    fn length(&mut self, field: &str, value: &str, allowed: std::ops::RangeInclusive<usize>) {
        let chars = value.chars().count();
        if chars < *allowed.start() {
            self.add(
                field,
                "too_short",
                format!("must be at least {} characters", allowed.start()),
            );
        } else if chars > *allowed.end() {
            self.add(
                field,
                "too_long",
                format!("must be at most {} characters", allowed.end()),
            );
        }
    }
}

/// A login id: lower-case ASCII letters, digits, `.`, `_`, `-`, 3-32 characters.
pub fn is_valid_login_id(login_id: &str) -> bool {
    LOGIN_ID_CHARS.contains(&login_id.len())
        && login_id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// Checks a sign-in form: both fields present, password not absurdly long.
pub fn validate_login(request: &LoginRequest) -> Result<(), Vec<FieldError>> {
    let mut violations = Violations::default();
    violations.require("login_id", &request.login_id);
    if violations.require("password", &request.password)
        && request.password.chars().count() > MAX_PASSWORD_CHARS
    {
        violations.add(
            "password",
            "too_long",
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        );
    }
    violations.into_result()
}

/// Checks a new staff account.
pub fn validate_create_staff(request: &CreateStaffRequest) -> Result<(), Vec<FieldError>> {
    let mut violations = Violations::default();
    if violations.require("login_id", &request.login_id) && !is_valid_login_id(&request.login_id) {
        violations.add(
            "login_id",
            "invalid_format",
            "use 3-32 characters: a-z, 0-9, '.', '_' or '-'",
        );
    }
    if violations.require("display_name", &request.display_name) {
        violations.length(
            "display_name",
            request.display_name.trim(),
            DISPLAY_NAME_CHARS,
        );
    }
    if violations.require("password", &request.password) {
        violations.length(
            "password",
            &request.password,
            MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS,
        );
    }
    violations.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::auth::StaffRole;
    use rstest::rstest;

    fn staff(login_id: &str, display_name: &str, password: &str) -> CreateStaffRequest {
        CreateStaffRequest {
            login_id: login_id.to_owned(),
            display_name: display_name.to_owned(),
            role: StaffRole::Operator,
            password: password.to_owned(),
        }
    }

    fn failed_fields(result: Result<(), Vec<FieldError>>) -> Vec<(String, String)> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[rstest]
    #[case("op", false)]
    #[case("operator01", true)]
    #[case("city.admin_1-a", true)]
    #[case("Operator", false)]
    #[case("山田", false)]
    #[case("a23456789012345678901234567890123", false)]
    fn login_ids_are_short_lowercase_ascii(#[case] login_id: &str, #[case] valid: bool) {
        assert_eq!(is_valid_login_id(login_id), valid);
    }

    #[test]
    fn a_valid_staff_account_passes() {
        assert_eq!(
            validate_create_staff(&staff("operator01", "山田 花子", "long enough password")),
            Ok(())
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let fields = failed_fields(validate_create_staff(&staff("X", " ", "short")));
        assert_eq!(
            fields,
            vec![
                ("login_id".to_owned(), "invalid_format".to_owned()),
                ("display_name".to_owned(), "required".to_owned()),
                ("password".to_owned(), "too_short".to_owned()),
            ]
        );
    }

    #[test]
    fn an_empty_login_form_names_both_fields() {
        let request = LoginRequest {
            login_id: String::new(),
            password: String::new(),
        };
        assert_eq!(
            failed_fields(validate_login(&request)),
            vec![
                ("login_id".to_owned(), "required".to_owned()),
                ("password".to_owned(), "required".to_owned()),
            ]
        );
    }
}
