//! Client state that outlives a page: the booking being filled in (kept in the tab's
//! session storage, so a reload or the back button loses nothing) and the tokens that
//! open a citizen's own reservations.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use madoguchi_shared::dto::reservation::{PartyMemberInput, ReservationWithAccess};
use serde::{Deserialize, Serialize};

const DRAFT_KEY: &str = "madoguchi.booking";
const TOKEN_PREFIX: &str = "madoguchi.reservation.";
const LANGUAGE_KEY: &str = "madoguchi.language";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// A booking being filled in, step by step.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BookingDraft {
    /// Chosen location.
    pub location_id: Option<i64>,
    /// The party; starts with one empty member.
    pub members: Vec<PartyMemberInput>,
    /// Month shown on the calendar, first day.
    pub month: Option<NaiveDate>,
    /// Chosen day.
    pub date: Option<NaiveDate>,
    /// Chosen band.
    pub start: Option<NaiveTime>,
    /// End of the chosen band.
    pub end: Option<NaiveTime>,
    /// Seats held for the chosen band.
    pub hold_id: Option<String>,
    /// When the hold ends.
    pub hold_expires_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Contact fields by key.
    pub contact: BTreeMap<String, String>,
    /// One key per booking attempt, so a retried submit never books twice.
    pub idempotency_key: Option<String>,
    /// The finished booking.
    pub result: Option<ReservationWithAccess>,
}

impl BookingDraft {
    /// The saved draft of this tab, or a fresh one.
    pub fn load() -> Self {
        session_storage()
            .and_then(|storage| storage.get_item(DRAFT_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_else(Self::fresh)
    }

    /// A new draft with one person.
    pub fn fresh() -> Self {
        Self {
            members: vec![PartyMemberInput {
                name: String::new(),
                procedure_id: 0,
            }],
            ..Self::default()
        }
    }

    /// Keeps the draft for reloads and the back button.
    pub fn save(&self) {
        if let (Some(storage), Ok(json)) = (session_storage(), serde_json::to_string(self)) {
            let _ = storage.set_item(DRAFT_KEY, &json);
        }
    }
}

/// Remembers the token that opens reservation `number` in this browser tab.
pub fn remember_token(number: &str, token: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(&format!("{TOKEN_PREFIX}{number}"), token);
    }
}

/// The token for reservation `number`, if this tab has one.
pub fn token_for(number: &str) -> Option<String> {
    session_storage()?
        .get_item(&format!("{TOKEN_PREFIX}{number}"))
        .ok()?
}

/// The language chosen earlier in this browser.
pub fn saved_language() -> Option<String> {
    local_storage()?.get_item(LANGUAGE_KEY).ok()?
}

/// Remembers the language for the next visit.
pub fn save_language(code: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANGUAGE_KEY, code);
    }
}

/// A fresh random key for `Idempotency-Key`.
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("{}", js_sys_now()))
}

fn js_sys_now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}
