//! Contact-field rules (R7.4-ケ), the same in the SPA and on the server.

use crate::error::{FieldError, FieldErrorCode};
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Violations;
use crate::dto::form::{FieldKind, FormField};

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
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFF01 + 0x21).unwrap_or(c),
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
                violations.add(&at, FieldErrorCode::Required, "must not be empty");
            }
            continue;
        }
        if value.chars().any(char::is_control) {
            violations.add(
                &at,
                FieldErrorCode::InvalidCharacter,
                "must be one line without control characters",
            );
            continue;
        }
        if value.chars().count() > MAX_VALUE_CHARS {
            violations.add(
                &at,
                FieldErrorCode::TooLong,
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
                    FieldErrorCode::InvalidFormat,
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
                FieldErrorCode::InvalidFormat,
                format!("is not a valid {}", field.kind.as_str().replace('_', " ")),
            );
        }
    }
    for key in contact.keys() {
        if !fields.iter().any(|field| &field.key == key) {
            violations.add(
                &format!("contact.{key}"),
                FieldErrorCode::UnknownField,
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
                ("contact.name".to_owned(), FieldErrorCode::Required),
                (
                    "contact.name_kana".to_owned(),
                    FieldErrorCode::InvalidFormat
                ),
                ("contact.email".to_owned(), FieldErrorCode::InvalidFormat),
                (
                    "contact.birth_date".to_owned(),
                    FieldErrorCode::InvalidFormat
                ),
                (
                    "contact.favourite_colour".to_owned(),
                    FieldErrorCode::UnknownField
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
