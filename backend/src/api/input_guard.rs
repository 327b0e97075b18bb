//! Refuses, before any handler runs, values no field of madoguchi can hold and the database
//! cannot store: control characters (PostgreSQL refuses NUL; nothing a person types holds
//! the others, bar line breaks and tabs in multi-line text) and dates outside 1900-9999
//! (PostgreSQL stores nothing before 4713 BC, and no booking, report or birth date comes
//! near either end). It looks at every string and key of a JSON body, every query
//! parameter and every path segment, and answers 422 naming the field (the JSON path, or
//! the parameter), so a client learns what to fix instead of meeting a 500.
//!
//! Field rules stay with the fields: a one-line value refusing a line break, a length, a
//! date's meaning are checked where the field is validated.

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, ResponseError, web};
use chrono::{DateTime, Datelike, NaiveDate};
use futures_util::StreamExt;
use madoguchi_shared::error::{FieldError, FieldErrorCode};
use madoguchi_shared::validate::{STORABLE_DATES, is_multi_line_char};

use crate::api::error::AppError;
use crate::service::error::ServiceError;

/// Largest JSON body accepted. Every request body of the API is a small form.
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// What is wrong with a value.
#[derive(Debug, PartialEq, Eq)]
enum Unstorable {
    ControlCharacter,
    DateOutOfRange,
}

impl Unstorable {
    fn field_error(&self, field: &str) -> FieldError {
        match self {
            Self::ControlCharacter => FieldError::new(
                field,
                FieldErrorCode::InvalidCharacter,
                "must not contain control characters",
            ),
            Self::DateOutOfRange => FieldError::new(
                field,
                FieldErrorCode::OutOfRange,
                "must be a date between 1900-01-01 and 9999-12-31",
            ),
        }
    }
}

/// The year of a value written as a date (`YYYY-MM-DD`), a month (`YYYY-MM`) or an instant
/// (RFC 3339), years signed or of more than four digits included; `None` for anything else.
fn year_written(value: &str) -> Option<i32> {
    let value = value.trim();
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(date.year());
    }
    if let Ok(date) = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d") {
        return Some(date.year());
    }
    DateTime::parse_from_rfc3339(value)
        .ok()
        .map(|at| at.year())
        .or_else(|| {
            // chrono's RFC 3339 parser takes four-digit years only; a longer or signed year
            // before the 'T' still names a date.
            let (day, _) = value.split_once('T')?;
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()
                .map(|date| date.year())
        })
}

fn check(value: &str) -> Result<(), Unstorable> {
    if !value.chars().all(is_multi_line_char) {
        return Err(Unstorable::ControlCharacter);
    }
    let storable_years = STORABLE_DATES.start().year()..=STORABLE_DATES.end().year();
    match year_written(value) {
        Some(year) if !storable_years.contains(&year) => Err(Unstorable::DateOutOfRange),
        _ => Ok(()),
    }
}

/// The first unstorable string of a JSON document, with its path (`members[0].name`).
fn first_in_json(value: &serde_json::Value, path: &str) -> Option<(String, Unstorable)> {
    match value {
        serde_json::Value::String(text) => check(text).err().map(|why| (path.to_owned(), why)),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| first_in_json(item, &format!("{path}[{index}]"))),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            match check(key) {
                Err(Unstorable::ControlCharacter) => Some((at, Unstorable::ControlCharacter)),
                _ => first_in_json(item, &at),
            }
        }),
        _ => None,
    }
}

/// The first unstorable query parameter, by name.
fn first_in_query(query: &str) -> Option<(String, Unstorable)> {
    form_urlencoded::parse(query.as_bytes()).find_map(|(name, value)| {
        let refused = check(&name).and_then(|()| check(&value)).and_then(|()| {
            match value.contains(['\n', '\r', '\t']) {
                true => Err(Unstorable::ControlCharacter),
                false => Ok(()),
            }
        });
        refused.err().map(|why| (name.into_owned(), why))
    })
}

fn refusal(request: ServiceRequest, error: AppError) -> ServiceResponse<actix_web::body::BoxBody> {
    let response = error.error_response();
    request.into_response(response)
}

fn is_json(request: &ServiceRequest) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            let media = value.split(';').next().unwrap_or_default().trim();
            media == "application/json" || media.ends_with("+json")
        })
}

/// The middleware: see the module documentation.
pub async fn refuse_unstorable_input(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> actix_web::Result<ServiceResponse<actix_web::body::BoxBody>> {
    let path = percent_encoding::percent_decode_str(request.path()).decode_utf8_lossy();
    if path.split('/').any(|segment| check(segment).is_err()) {
        // A path holding a control character or an impossible date names nothing.
        let error = AppError::not_found(format!(
            "The path {}",
            request.path().chars().take(100).collect::<String>()
        ));
        return Ok(refusal(request, error));
    }
    if let Some((field, why)) = first_in_query(request.query_string()) {
        let error = AppError::from(ServiceError::Validation(vec![why.field_error(&field)]));
        return Ok(refusal(request, error));
    }
    if is_json(&request) {
        let mut body = web::BytesMut::new();
        let mut payload = request.take_payload();
        while let Some(chunk) = payload.next().await {
            body.extend_from_slice(&chunk?);
            if body.len() > JSON_BODY_LIMIT {
                return Ok(refusal(request, AppError::PayloadTooLarge));
            }
        }
        let body = body.freeze();
        if let Ok(document) = serde_json::from_slice::<serde_json::Value>(&body)
            && let Some((field, why)) = first_in_json(&document, "")
        {
            let error = AppError::from(ServiceError::Validation(vec![why.field_error(&field)]));
            return Ok(refusal(request, error));
        }
        // The handler reads the body as if nobody had looked.
        let (_, mut restored) = actix_http::h1::Payload::create(true);
        restored.unread_data(body);
        request.set_payload(Payload::from(restored));
    }
    Ok(next.call(request).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("2026-12-01", Some(2026))]
    #[case("2026-12", Some(2026))]
    #[case("-5000-01-01", Some(-5000))]
    #[case("+20000-01-01", Some(20000))]
    #[case("2026-12-01T09:00:00+09:00", Some(2026))]
    #[case("-5000-01-01T00:00:00Z", Some(-5000))]
    #[case("廿日 太郎", None)]
    #[case("12345", None)]
    fn dates_are_recognised_whatever_their_year(#[case] value: &str, #[case] year: Option<i32>) {
        assert_eq!(year_written(value), year);
    }

    #[rstest]
    #[case("廿日\u{0}太郎", Some(Unstorable::ControlCharacter))]
    #[case("bell\u{7}", Some(Unstorable::ControlCharacter))]
    #[case("two\nlines\tand a tab", None)]
    #[case("1899-12-31", Some(Unstorable::DateOutOfRange))]
    #[case("1900-01-01", None)]
    #[case("9999-12-31", None)]
    #[case("-4714-01-01", Some(Unstorable::DateOutOfRange))]
    fn control_characters_and_dates_out_of_range_are_refused(
        #[case] value: &str,
        #[case] refused: Option<Unstorable>,
    ) {
        assert_eq!(check(value).err(), refused);
    }

    #[test]
    fn the_refused_field_is_named_by_its_path() {
        let document = serde_json::json!({
            "members": [{"name": "ok"}, {"name": "bad\u{0}"}],
            "contact": {"name": "ok"}
        });
        assert_eq!(
            first_in_json(&document, ""),
            Some(("members[1].name".to_owned(), Unstorable::ControlCharacter))
        );
        assert_eq!(
            first_in_query("from=2026-01-01&to=-9999-01-01"),
            Some(("to".to_owned(), Unstorable::DateOutOfRange))
        );
        assert_eq!(
            first_in_query("name=%E5%BB%BF%00"),
            Some(("name".to_owned(), Unstorable::ControlCharacter))
        );
    }
}
