//! "Now" as the server tells it. The booking window, the calendar's first month and a
//! birth date's plausibility go by the server's clock, not the device's: a phone with a
//! wrong clock or time zone still sees the right days, and the browser tests, whose server
//! clock is pinned, see the same days on every run.
//!
//! [`synchronise`] asks the server once, before the app mounts, and keeps the difference
//! between its clock and the device's; [`now`] applies it.

use std::cell::Cell;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use madoguchi_shared::time::japan;

thread_local! {
    /// Server time minus device time, in milliseconds.
    static OFFSET_MS: Cell<i64> = const { Cell::new(0) };
}

/// Reads the server's time and keeps its difference from the device's. If the server does
/// not answer, the device's clock is used as it is.
pub async fn synchronise() {
    let asked = Utc::now();
    if let Ok(server) = crate::api::get_server_time().await {
        // The server read its clock somewhere between asking and answering: take the middle.
        let answered = Utc::now();
        let device = asked + (answered - asked) / 2;
        OFFSET_MS.with(|offset| offset.set((server.now - device).num_milliseconds()));
    }
}

/// The current instant by the server's clock.
pub fn now() -> DateTime<Utc> {
    Utc::now() + TimeDelta::milliseconds(OFFSET_MS.with(Cell::get))
}

/// Today in Japan by the server's clock.
pub fn today() -> NaiveDate {
    now().with_timezone(&japan()).date_naive()
}
