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
                "invalid_character",
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
                "out_of_range",
                "must be between 1900-01-01 and 9999-12-31",
            );
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

    /// Records `too_short` or `too_long` for a value outside `allowed` characters.
    pub fn length(&mut self, field: &str, value: &str, allowed: std::ops::RangeInclusive<usize>) {
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
    if violations.require("login_id", &request.login_id) {
        violations.text("login_id", &request.login_id, false);
    }
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
            code: None,
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

/// Contact-field rules (R7.4-ケ), the same in the SPA and on the server.
pub mod contact {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;

    use super::Violations;
    use crate::dto::form::{FieldKind, FormField};
    use crate::error::FieldError;

    /// Longest value of any field.
    pub const MAX_VALUE_CHARS: usize = 200;

    /// Key of the form field holding the card notice number (交付通知書番号). When the city
    /// makes it a required field, it also counts toward the one-active-reservation limit.
    pub const NOTICE_NUMBER_FIELD: &str = "notice_number";
    /// Longest card notice number, in letters and digits once normalised.
    pub const MAX_NOTICE_NUMBER_CHARS: usize = 32;

    /// Full-width ASCII (Ａ, １, －, ＠ …) and the ideographic space as their half-width forms,
    /// the way Japanese keyboards often type them.
    pub fn to_half_width(input: &str) -> String {
        input
            .chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => {
                    char::from_u32(u32::from(c) - 0xFF01 + 0x21).unwrap_or(c)
                }
                '\u{3000}' => ' ',
                other => other,
            })
            .collect()
    }

    /// Whether a character only separates groups of a number: hyphens and dashes of every
    /// width, the long-vowel mark typed for a dash, and spaces.
    fn is_separator(c: char) -> bool {
        matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | 'ー' | 'ｰ' | ' ' | '\u{3000}' | '\t'
        )
    }

    /// The card notice number as the key the one-booking rule compares: half-width, upper
    /// case, without separators. `None` when nothing is left.
    pub fn normalize_notice_number(input: &str) -> Option<String> {
        let key: String = to_half_width(input)
            .chars()
            .filter(|c| !is_separator(*c))
            .flat_map(char::to_uppercase)
            .collect();
        (!key.is_empty()).then_some(key)
    }

    /// Digits of a phone number as typed (full-width digits and hyphens allowed), or `None`
    /// unless it is a Japanese number: 10 digits, or 11 for mobiles, starting with 0.
    pub fn normalize_phone(input: &str) -> Option<String> {
        let mut digits = String::new();
        for c in input.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '０'..='９' => digits.push(char::from_u32(u32::from(c) - 0xFF10 + 0x30)?),
                '-' | '－' | '−' | '‐' | 'ー' | ' ' | '　' | '(' | ')' | '（' | '）' => {}
                _ => return None,
            }
        }
        // Mobile and IP phones (070, 080, 090, 050) have 11 digits; landlines have 10.
        let is_mobile = ["070", "080", "090", "050"]
            .iter()
            .any(|prefix| digits.starts_with(prefix));
        let expected = if is_mobile { 11 } else { 10 };
        (digits.starts_with('0') && digits.len() == expected).then_some(digits)
    }

    /// An email address in half-width characters, trimmed and lower-cased, or `None` if it
    /// cannot be one.
    pub fn normalize_email(input: &str) -> Option<String> {
        let email = to_half_width(input).trim().to_lowercase();
        let (local, domain) = email.split_once('@')?;
        let plausible = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && email.len() <= 254
            && email.chars().all(|c| c.is_ascii_graphic());
        plausible.then_some(email)
    }

    fn is_katakana(input: &str) -> bool {
        input
            .chars()
            .all(|c| matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | ' ' | '　'))
    }

    fn is_postal_code(input: &str) -> bool {
        let digits: String = input.chars().filter(|c| *c != '-').collect();
        digits.len() == 7
            && digits.bytes().all(|b| b.is_ascii_digit())
            && input.chars().filter(|c| *c == '-').count() <= 1
    }

    /// Checks `contact` against the configured fields; unknown keys are refused so that
    /// nothing the city did not ask for is stored. `today` bounds dates.
    pub fn validate(
        fields: &[FormField],
        contact: &BTreeMap<String, String>,
        today: NaiveDate,
    ) -> Result<(), Vec<FieldError>> {
        let mut violations = Violations::default();
        for field in fields {
            let at = format!("contact.{}", field.key);
            let value = contact
                .get(&field.key)
                .map(|v| v.trim())
                .unwrap_or_default();
            if value.is_empty() {
                if field.required {
                    violations.add(&at, "required", "must not be empty");
                }
                continue;
            }
            if value.chars().any(char::is_control) {
                violations.add(
                    &at,
                    "invalid_character",
                    "must be one line without control characters",
                );
                continue;
            }
            if value.chars().count() > MAX_VALUE_CHARS {
                violations.add(
                    &at,
                    "too_long",
                    format!("at most {MAX_VALUE_CHARS} characters"),
                );
                continue;
            }
            if field.key == NOTICE_NUMBER_FIELD {
                let key = normalize_notice_number(value);
                if key.is_none_or(|key| {
                    key.chars().count() > MAX_NOTICE_NUMBER_CHARS
                        || !key.chars().all(|c| c.is_ascii_alphanumeric())
                }) {
                    violations.add(
                        &at,
                        "invalid_format",
                        format!(
                            "is up to {MAX_NOTICE_NUMBER_CHARS} letters and digits (hyphens and spaces are ignored)"
                        ),
                    );
                    continue;
                }
            }
            let valid = match field.kind {
                FieldKind::Text => true,
                FieldKind::Katakana => is_katakana(value),
                FieldKind::Phone => normalize_phone(value).is_some(),
                FieldKind::Email => normalize_email(value).is_some(),
                FieldKind::PostalCode => is_postal_code(value),
                FieldKind::Date => NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok_and(|date| {
                    date <= today && date >= NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(date)
                }),
            };
            if !valid {
                violations.add(
                    &at,
                    "invalid_format",
                    format!("is not a valid {}", field.kind.as_str().replace('_', " ")),
                );
            }
        }
        for key in contact.keys() {
            if !fields.iter().any(|field| &field.key == key) {
                violations.add(
                    &format!("contact.{key}"),
                    "unknown_field",
                    "is not a field of the form",
                );
            }
        }
        violations.into_result()
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use rstest::rstest;

        fn field(key: &str, kind: FieldKind, required: bool) -> FormField {
            FormField {
                key: key.to_owned(),
                label_ja: key.to_owned(),
                label_en: key.to_owned(),
                kind,
                required,
            }
        }

        fn today() -> NaiveDate {
            NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
        }

        #[rstest]
        #[case("090-1234-5678", Some("09012345678"))]
        #[case("０８２−１２３−４５６７", Some("0821234567"))]
        #[case("０８２－１２３－４５６７", Some("0821234567"))]
        #[case("(0829) 20-1111", Some("0829201111"))]
        #[case("1234567890", None)]
        #[case("090-1234-567", None)]
        #[case("090-1234-5678 ext 2", None)]
        fn r7_4_ke_phone_numbers_are_normalised_to_digits(
            #[case] input: &str,
            #[case] expected: Option<&str>,
        ) {
            assert_eq!(normalize_phone(input).as_deref(), expected);
        }

        #[rstest]
        #[case("AB-1234 5678", Some("AB12345678"))]
        #[case("ab12345678", Some("AB12345678"))]
        #[case("ＡＢ－１２３４　５６７８", Some("AB12345678"))]
        #[case("ａｂ‐１２３４ー５６７８", Some("AB12345678"))]
        #[case(" - ", None)]
        fn the_card_notice_number_is_compared_in_half_width_upper_case_without_separators(
            #[case] input: &str,
            #[case] expected: Option<&str>,
        ) {
            assert_eq!(normalize_notice_number(input).as_deref(), expected);
        }

        #[rstest]
        #[case(" Hanako@Example.JP ", Some("hanako@example.jp"))]
        #[case("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ", Some("hanako@example.jp"))]
        #[case("no-at-sign.example.jp", None)]
        #[case("a@b", None)]
        #[case("a b@example.jp", None)]
        fn r7_4_ke_emails_are_trimmed_and_lower_cased(
            #[case] input: &str,
            #[case] expected: Option<&str>,
        ) {
            assert_eq!(normalize_email(input).as_deref(), expected);
        }

        #[test]
        fn r7_4_ke_each_kind_is_checked_and_every_failure_is_listed() {
            let fields = [
                field("name", FieldKind::Text, true),
                field("name_kana", FieldKind::Katakana, true),
                field("postal_code", FieldKind::PostalCode, false),
                field("phone", FieldKind::Phone, true),
                field("email", FieldKind::Email, false),
                field("birth_date", FieldKind::Date, true),
            ];
            let contact: BTreeMap<String, String> = [
                ("name_kana", "はつかいち"),
                ("postal_code", "738-8501"),
                ("phone", "082-123-4567"),
                ("email", "not-an-email"),
                ("birth_date", "2030-01-01"),
                ("favourite_colour", "blue"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
            let failures: Vec<_> = validate(&fields, &contact, today())
                .expect_err("invalid")
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect();
            assert_eq!(
                failures,
                vec![
                    ("contact.name".to_owned(), "required".to_owned()),
                    ("contact.name_kana".to_owned(), "invalid_format".to_owned()),
                    ("contact.email".to_owned(), "invalid_format".to_owned()),
                    ("contact.birth_date".to_owned(), "invalid_format".to_owned()),
                    (
                        "contact.favourite_colour".to_owned(),
                        "unknown_field".to_owned()
                    ),
                ]
            );
        }

        #[test]
        fn r7_4_ke_a_complete_form_passes() {
            let fields = [
                field("name", FieldKind::Text, true),
                field("name_kana", FieldKind::Katakana, true),
                field("phone", FieldKind::Phone, true),
                field("email", FieldKind::Email, false),
            ];
            let contact: BTreeMap<String, String> = [
                ("name", "廿日 太郎"),
                ("name_kana", "ハツカ タロウ"),
                ("phone", "0829-20-0001"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
            assert_eq!(validate(&fields, &contact, today()), Ok(()));
        }
    }
}

/// Rules for the city's catalog: procedures and locations.
pub mod catalog {
    use super::Violations;
    use crate::dto::catalog::{LocationInput, ProcedureInput};
    use crate::error::FieldError;

    fn code(violations: &mut Violations, code: &str) {
        let valid = (1..=32).contains(&code.len())
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid {
            violations.add(
                "code",
                "invalid_format",
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
            violations.add(field, "required", "must not be empty");
        } else if value.chars().count() > max {
            violations.add(field, "too_long", format!("at most {max} characters"));
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
            violations.add("units_per_person", "out_of_range", "must be 1 to 10");
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
            "before_publish_from",
            "must be after publish_from",
        );
    }
    match (notice.kind, notice.starts_at, notice.ends_at) {
        (NoticeKind::Maintenance, Some(starts), Some(ends)) if ends <= starts => {
            violations.add("ends_at", "before_starts_at", "must be after starts_at");
        }
        (NoticeKind::Maintenance, None, _) => {
            violations.add("starts_at", "required", "a maintenance needs its window")
        }
        (NoticeKind::Maintenance, _, None) => {
            violations.add("ends_at", "required", "a maintenance needs its window")
        }
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
            "invalid_format",
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
                "unchanged",
                "choose a password different from the current one",
            );
        }
    }
    violations.into_result()
}
