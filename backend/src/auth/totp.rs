//! Two-factor sign-in: time-based one-time codes (TOTP, RFC 6238: SHA-1, six digits,
//! 30-second steps, one step of clock skew either way), which any authenticator app
//! produces, and one-time recovery codes for a lost phone.
//!
//! A code is accepted once: the step it belongs to must be later than the last step the
//! account used. Recovery codes are stored as SHA-256 hashes (they carry 50 random bits, so
//! a slow hash adds nothing) and each is removed when used.

use chrono::{DateTime, Utc};
use qrcode::QrCode;
use qrcode::render::svg;
use rand::RngCore;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// The issuer name authenticator apps show next to the code.
pub const ISSUER: &str = "madoguchi";
/// Seconds a code lasts.
const STEP_SECONDS: u64 = 30;
/// How many recovery codes an account gets.
pub const RECOVERY_CODES: usize = 10;

fn totp(secret_base32: &str, login_id: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_base32).ok()?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(STEP_SECONDS)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(if login_id.is_empty() {
            "staff"
        } else {
            login_id
        })
        .build()
        .ok()
}

fn base32(bytes: &[u8]) -> String {
    Secret::from(bytes.to_vec()).to_base32()
}

/// A fresh secret of 160 random bits, base32 (what apps take when typed by hand).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    base32(&bytes)
}

/// The `otpauth://` URI for an authenticator app.
pub fn otpauth_uri(secret_base32: &str, login_id: &str) -> Option<String> {
    totp(secret_base32, login_id).and_then(|totp| totp.to_url().ok())
}

/// The URI as a QR code, an SVG document.
pub fn qr_svg(uri: &str) -> Option<String> {
    let code = QrCode::new(uri.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

/// The step a six-digit `code` belongs to at `now`, if it is right (allowing one step of
/// skew) and later than `last_step`; `None` otherwise.
pub fn accepted_step(
    secret_base32: &str,
    code: &str,
    now: DateTime<Utc>,
    last_step: Option<i64>,
) -> Option<i64> {
    let totp = totp(secret_base32, "")?;
    let time = u64::try_from(now.timestamp()).ok()?;
    let step = i64::try_from(totp.check(code.trim(), time)?).ok()?;
    last_step.is_none_or(|last| step > last).then_some(step)
}

/// The code an app shows for `secret` at `now` (the tests sign in with it).
pub fn code_at(secret_base32: &str, now: DateTime<Utc>) -> Option<String> {
    let time = u64::try_from(now.timestamp()).ok()?;
    totp(secret_base32, "").map(|totp| totp.generate(time).to_string())
}

fn recovery_hash(code: &str) -> String {
    let normalised: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_lowercase())
        .collect();
    Sha256::digest(normalised.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Fresh recovery codes (`xxxxx-xxxxx`, base32) and, to store, their hashes.
pub fn new_recovery_codes() -> (Vec<String>, Vec<String>) {
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 7];
            rand::rng().fill_bytes(&mut bytes);
            let text = base32(&bytes).to_lowercase();
            let text: String = text
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(10)
                .collect();
            format!("{}-{}", &text[..5], &text[5..])
        })
        .collect();
    let hashes = codes.iter().map(|code| recovery_hash(code)).collect();
    (codes, hashes)
}

/// If `code` is one of the stored recovery codes, the hashes left once it is used up.
pub fn use_recovery_code(stored: &[String], code: &str) -> Option<Vec<String>> {
    let hash = recovery_hash(code);
    stored.contains(&hash).then(|| {
        stored
            .iter()
            .filter(|kept| **kept != hash)
            .cloned()
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("an instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn rfc_6238_test_vector_and_a_code_is_used_once() {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59 s: 94287082;
        // six digits: 287082.
        let secret = base32(b"12345678901234567890");
        let now = at("1970-01-01T00:00:59Z");
        assert_eq!(code_at(&secret, now).as_deref(), Some("287082"));
        let step = accepted_step(&secret, "287082", now, None).expect("accepted");
        assert_eq!(step, 1);
        assert_eq!(
            accepted_step(&secret, "287082", now, Some(step)),
            None,
            "not twice"
        );
        assert_eq!(accepted_step(&secret, "000000", now, None), None);
        assert_eq!(accepted_step(&secret, "28708", now, None), None);
    }

    #[test]
    fn a_code_of_the_step_before_or_after_is_accepted_for_clock_skew() {
        let secret = new_secret();
        let now = at("2026-12-01T09:00:15Z");
        let previous = code_at(&secret, now - chrono::TimeDelta::seconds(30)).expect("code");
        assert!(accepted_step(&secret, &previous, now, None).is_some());
        let stale = code_at(&secret, now - chrono::TimeDelta::seconds(90)).expect("code");
        assert_eq!(accepted_step(&secret, &stale, now, None), None);
    }

    #[test]
    fn the_qr_code_carries_the_otpauth_uri() {
        let secret = new_secret();
        let uri = otpauth_uri(&secret, "city-admin").expect("a uri");
        assert!(
            uri.starts_with("otpauth://totp/madoguchi:city-admin?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={secret}")), "{uri}");
        let svg = qr_svg(&uri).expect("an svg");
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
    }

    #[test]
    fn a_recovery_code_works_once_however_it_is_typed() {
        let (codes, hashes) = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let left = use_recovery_code(&hashes, &codes[3].to_uppercase()).expect("accepted");
        assert_eq!(left.len(), RECOVERY_CODES - 1);
        assert_eq!(use_recovery_code(&left, &codes[3]), None, "used up");
        assert_eq!(use_recovery_code(&hashes, "aaaaa-aaaaa"), None);
    }
}
