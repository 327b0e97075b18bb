//! Validation rules run on both sides: the SPA shows them inline, the server enforces them.
//! Each rule returns every failing field at once so a form can mark them all.

pub mod catalog;
pub mod contact;

use crate::dto::auth::LoginRequest;
use crate::dto::staff::CreateStaffRequest;
use crate::error::{FieldError, FieldErrorCode};

/// Shortest password a staff account may have.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted (bounds the hashing work an attacker can ask for).
pub const MAX_PASSWORD_CHARS: usize = 256;
const LOGIN_ID_CHARS: std::ops::RangeInclusive<usize> = 3..=32;
const DISPLAY_NAME_CHARS: std::ops::RangeInclusive<usize> = 1..=64;

/// Whether a character may appear in a one-line value (a name, a label, a title): no control
/// characters at all, which also keeps NUL away from the database.
pub fn is_single_line_char(c: char) -> bool {
    !c.is_control()
}

/// Whether a character may appear in a multi-line value (a notice body, a summary): line
/// breaks and tabs, but no other control character.
pub fn is_multi_line_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\n' | '\r' | '\t')
}

/// First and last date any date field accepts: every date both databases store, and far
/// beyond any booking, report or birth date the system meets.
pub const STORABLE_DATES: std::ops::RangeInclusive<chrono::NaiveDate> = {
    match (
        chrono::NaiveDate::from_ymd_opt(1900, 1, 1),
        chrono::NaiveDate::from_ymd_opt(9999, 12, 31),
    ) {
        (Some(first), Some(last)) => first..=last,
        _ => panic!("valid dates"),
    }
};

/// Collects field errors; empty means valid.
#[derive(Debug, Default)]
pub struct Violations(Vec<FieldError>);

impl Violations {
    /// Records that `field` broke `code`.
    pub fn add(&mut self, field: &str, code: FieldErrorCode, message: impl Into<String>) {
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

    /// Records `invalid_character` for a one-line value holding a control character, or a
    /// multi-line one holding a control character other than a line break or a tab.
    pub fn text(&mut self, field: &str, value: &str, multi_line: bool) {
        let allowed = if multi_line {
            is_multi_line_char
        } else {
            is_single_line_char
        };
        if !value.chars().all(allowed) {
            self.add(
                field,
                FieldErrorCode::InvalidCharacter,
                if multi_line {
                    "must not contain control characters"
                } else {
                    "must be one line without control characters"
                },
            );
        }
    }

    /// Records `out_of_range` for a date outside [`STORABLE_DATES`].
    pub fn date(&mut self, field: &str, date: chrono::NaiveDate) {
        if !STORABLE_DATES.contains(&date) {
            self.add(
                field,
                FieldErrorCode::OutOfRange,
                "must be between 1900-01-01 and 9999-12-31",
            );
        }
    }

    fn require(&mut self, field: &str, value: &str) -> bool {
        if value.trim().is_empty() {
            self.add(field, FieldErrorCode::Required, "must not be empty");
            false
        } else {
            true
        }
    }

    /// Records `too_short` or `too_long` for a value outside `allowed` characters.
    pub fn length(&mut self, field: &str, value: &str, allowed: std::ops::RangeInclusive<usize>) {
        let chars = value.chars().count();
        if chars < *allowed.start() {
            self.add(
                field,
                FieldErrorCode::TooShort,
                format!("must be at least {} characters", allowed.start()),
            );
        } else if chars > *allowed.end() {
            self.add(
                field,
                FieldErrorCode::TooLong,
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
    if violations.require("login_id", &request.login_id) {
        violations.text("login_id", &request.login_id, false);
    }
    if violations.require("password", &request.password)
        && request.password.chars().count() > MAX_PASSWORD_CHARS
    {
        violations.add(
            "password",
            FieldErrorCode::TooLong,
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
            FieldErrorCode::InvalidFormat,
            "use 3-32 characters: a-z, 0-9, '.', '_' or '-'",
        );
    }
    if violations.require("display_name", &request.display_name) {
        violations.length(
            "display_name",
            request.display_name.trim(),
            DISPLAY_NAME_CHARS,
        );
        violations.text("display_name", &request.display_name, false);
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

/// Checks a notice: a title, a publishing period, and for maintenance its window.
pub fn validate_notice(notice: &crate::dto::notice::NoticeInput) -> Result<(), Vec<FieldError>> {
    use crate::dto::notice::NoticeKind;
    let mut violations = Violations::default();
    violations.require("title_ja", &notice.title_ja);
    violations.length("title_ja", &notice.title_ja, 0..=200);
    violations.length("title_en", &notice.title_en, 0..=200);
    violations.length("body_ja", &notice.body_ja, 0..=4000);
    violations.length("body_en", &notice.body_en, 0..=4000);
    violations.text("title_ja", &notice.title_ja, false);
    violations.text("title_en", &notice.title_en, false);
    violations.text("body_ja", &notice.body_ja, true);
    violations.text("body_en", &notice.body_en, true);
    if notice
        .publish_until
        .is_some_and(|until| until <= notice.publish_from)
    {
        violations.add(
            "publish_until",
            FieldErrorCode::BeforePublishFrom,
            "must be after publish_from",
        );
    }
    match (notice.kind, notice.starts_at, notice.ends_at) {
        (NoticeKind::Maintenance, Some(starts), Some(ends)) if ends <= starts => {
            violations.add(
                "ends_at",
                FieldErrorCode::BeforeStartsAt,
                "must be after starts_at",
            );
        }
        (NoticeKind::Maintenance, None, _) => violations.add(
            "starts_at",
            FieldErrorCode::Required,
            "a maintenance needs its window",
        ),
        (NoticeKind::Maintenance, _, None) => violations.add(
            "ends_at",
            FieldErrorCode::Required,
            "a maintenance needs its window",
        ),
        _ => {}
    }
    violations.into_result()
}

/// Checks a logged call: a summary of 1-1000 characters and, when given, a reservation
/// number of the right shape.
pub fn validate_inquiry(
    inquiry: &crate::dto::inquiry::CreateInquiryRequest,
) -> Result<(), Vec<FieldError>> {
    let mut violations = Violations::default();
    if violations.require("summary", &inquiry.summary) {
        violations.length("summary", inquiry.summary.trim(), 1..=1000);
        violations.text("summary", &inquiry.summary, true);
    }
    if let Some(number) = inquiry
        .reservation_number
        .as_deref()
        .filter(|number| !number.trim().is_empty())
        && crate::reservation_number::normalize(number).is_none()
    {
        violations.add(
            "reservation_number",
            FieldErrorCode::InvalidFormat,
            "a reservation number has 8 letters and digits, e.g. ACK7-9WXY",
        );
    }
    violations.into_result()
}

/// Checks a change of a staff account: a display name of 1-64 characters when given.
pub fn validate_update_staff(
    request: &crate::dto::staff::UpdateStaffRequest,
) -> Result<(), Vec<FieldError>> {
    let mut violations = Violations::default();
    if let Some(name) = &request.display_name
        && violations.require("display_name", name)
    {
        violations.length("display_name", name.trim(), DISPLAY_NAME_CHARS);
        violations.text("display_name", name, false);
    }
    violations.into_result()
}

/// Checks a password change: both given, the new one long enough and not the same.
pub fn validate_change_password(
    request: &crate::dto::auth::ChangePasswordRequest,
) -> Result<(), Vec<FieldError>> {
    let mut violations = Violations::default();
    violations.require("current_password", &request.current_password);
    if violations.require("new_password", &request.new_password) {
        violations.length(
            "new_password",
            &request.new_password,
            MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS,
        );
        if request.new_password == request.current_password {
            violations.add(
                "new_password",
                FieldErrorCode::Unchanged,
                "choose a password different from the current one",
            );
        }
    }
    violations.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::staff::StaffRole;
    use rstest::rstest;

    fn staff(login_id: &str, display_name: &str, password: &str) -> CreateStaffRequest {
        CreateStaffRequest {
            login_id: login_id.to_owned(),
            display_name: display_name.to_owned(),
            role: StaffRole::Operator,
            password: password.to_owned(),
        }
    }

    fn failed_fields(result: Result<(), Vec<FieldError>>) -> Vec<(String, FieldErrorCode)> {
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
                ("login_id".to_owned(), FieldErrorCode::InvalidFormat),
                ("display_name".to_owned(), FieldErrorCode::Required),
                ("password".to_owned(), FieldErrorCode::TooShort),
            ]
        );
    }

    #[test]
    fn an_empty_login_form_names_both_fields() {
        let request = LoginRequest {
            login_id: String::new(),
            password: String::new(),
            code: None,
        };
        assert_eq!(
            failed_fields(validate_login(&request)),
            vec![
                ("login_id".to_owned(), FieldErrorCode::Required),
                ("password".to_owned(), FieldErrorCode::Required),
            ]
        );
    }
}
