//! The signed-in staff member, kept in the tab's session storage so a reload keeps the
//! session and closing the tab ends it.

use leptos::prelude::*;
use madoguchi_shared::console::ConsolePage;
use madoguchi_shared::dto::auth::LoginResponse;
use madoguchi_shared::dto::staff::StaffAccount;
use madoguchi_shared::dto::staff::StaffRole;
use serde::{Deserialize, Serialize};

const SESSION_KEY: &str = "madoguchi.staff";

/// A staff sign-in: the token and who it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffSession {
    /// The bearer token.
    pub token: String,
    /// When the token stops working, in milliseconds since the epoch.
    pub expires_at_ms: f64,
    /// Who signed in.
    pub account: StaffAccount,
    /// The token may only set up two-factor sign-in: the role needs it and the account has
    /// none yet, so the console offers nothing but `/staff/two-factor`.
    #[serde(default)]
    pub two_factor_setup_required: bool,
}

impl StaffSession {
    /// The session a successful sign-in starts.
    pub fn from_login(login: LoginResponse) -> StaffSession {
        let seconds = login.expires_in as f64;
        StaffSession {
            token: login.access_token,
            expires_at_ms: js_sys_date_now() + seconds * 1000.0,
            account: login.staff,
            two_factor_setup_required: login.two_factor_setup_required,
        }
    }

    /// The signed-in member's role.
    pub fn role(&self) -> StaffRole {
        self.account.role
    }

    /// Whether the token has run out.
    pub fn expired(&self) -> bool {
        js_sys_date_now() >= self.expires_at_ms
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn js_sys_date_now() -> f64 {
    chrono::Utc::now().timestamp_millis() as f64
}

/// The stored session, unless there is none or it has expired.
pub fn load() -> Option<StaffSession> {
    let text = session_storage()?.get_item(SESSION_KEY).ok()??;
    let session: StaffSession = serde_json::from_str(&text).ok()?;
    (!session.expired()).then_some(session)
}

/// Keeps the session for this tab.
pub fn save(session: &StaffSession) {
    if let (Some(storage), Ok(text)) = (session_storage(), serde_json::to_string(session)) {
        let _ = storage.set_item(SESSION_KEY, &text);
    }
}

/// Forgets the session (sign-out, or the server refused the token).
pub fn clear() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(SESSION_KEY);
    }
}

/// The sign-in page's address that brings the member back to `next` afterwards.
pub fn login_url(next: &str) -> String {
    let next = if next.starts_with("/staff") && !next.starts_with("/staff/login") {
        next
    } else {
        "/staff"
    };
    format!("/staff/login?next={}", encode_component(next))
}

/// The current address (path and query), to come back to after signing in again.
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|window| {
            let location = window.location();
            Some(format!(
                "{}{}",
                location.pathname().ok()?,
                location.search().ok()?
            ))
        })
        .unwrap_or_else(|| "/staff".to_owned())
}

/// Sends the member to sign in again, then back here: the token was refused or ran out.
pub fn expire_and_redirect() {
    clear();
    if let Some(window) = web_sys::window() {
        let _ = window
            .location()
            .assign(&format!("{}&expired=1", login_url(&current_path())));
    }
}

/// The address of the two-factor page, the only one a set-up-required session may open.
pub fn two_factor_path() -> String {
    ConsolePage::TwoFactor.href()
}

/// Ends the session in this tab and opens the sign-in page with `notice` in its query
/// (e.g. `signed_out=1`), which the page turns into a message.
pub fn clear_and_sign_in_again(notice: &str) {
    clear();
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(&format!("/staff/login?{notice}"));
    }
}

/// The server refused a call because this account must set up two-factor sign-in first:
/// the session is marked so, and the member is sent to the two-factor page.
pub fn require_two_factor_setup() {
    if let Some(mut current) = load() {
        current.two_factor_setup_required = true;
        save(&current);
    }
    if let Some(window) = web_sys::window()
        && window.location().pathname().ok().as_deref() != Some(two_factor_path().as_str())
    {
        let _ = window.location().assign(&two_factor_path());
    }
}

/// Percent-encodes a query value.
pub fn encode_component(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                encoded.push(char::from(byte));
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// The signed-in member, for pages: `None` only for an instant before the redirect.
pub fn use_session() -> Signal<Option<StaffSession>> {
    expect_context::<RwSignal<Option<StaffSession>>>().into()
}
/// For pages that receive a new session (a new token after setting up two-factor sign-in):
/// a function, taken in the component's body, that keeps the new session for the tab and
/// has the shell show it.
pub fn use_replace_session() -> impl Fn(StaffSession) + Copy + 'static {
    let current = expect_context::<RwSignal<Option<StaffSession>>>();
    move |new_session: StaffSession| {
        save(&new_session);
        current.set(Some(new_session));
    }
}
