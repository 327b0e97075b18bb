//! The one source of "now" for the whole server.
//!
//! Everything that asks what time it is — the booking window, holds, tokens, jobs, mails,
//! reports — asks a [`Clock`], never `Utc::now()`. In production the clock reads the system
//! time; in tests (and in a development server started with `MADOGUCHI_CLOCK_PIN`) it is
//! pinned to a chosen instant and moves only when told to, so every test can run on any day
//! of the year and on the hard days on purpose (year-end closure, holiday Mondays, the
//! window's 17:00 edge, midnight Japan time).

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use madoguchi_shared::time::japan;

/// Where "now" comes from. Cheap to clone; clones share the pinned instant.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    pinned: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl Clock {
    /// The system's real time: what production runs on.
    pub fn system() -> Self {
        Self { pinned: None }
    }

    /// A clock that reads `at` until it is set or advanced.
    pub fn pinned(at: DateTime<Utc>) -> Self {
        Self {
            pinned: Some(Arc::new(Mutex::new(at))),
        }
    }

    /// Whether this clock is pinned rather than the system's.
    pub fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.pinned {
            // A poisoned lock still holds a valid instant: a panic elsewhere cannot corrupt it.
            Some(at) => *at.lock().unwrap_or_else(PoisonError::into_inner),
            None => Utc::now(),
        }
    }

    /// The current local date and time in Japan, where every slot lives.
    pub fn now_in_japan(&self) -> NaiveDateTime {
        self.now().with_timezone(&japan()).naive_local()
    }

    /// Today in Japan.
    pub fn today(&self) -> NaiveDate {
        self.now_in_japan().date()
    }

    /// Moves a pinned clock to `at`. Returns false (and changes nothing) for the system clock,
    /// which nobody may move.
    pub fn set(&self, at: DateTime<Utc>) -> bool {
        match &self.pinned {
            Some(pinned) => {
                *pinned.lock().unwrap_or_else(PoisonError::into_inner) = at;
                true
            }
            None => false,
        }
    }

    /// Moves a pinned clock forward (or back, with a negative delta). False for the system
    /// clock.
    pub fn advance(&self, by: TimeDelta) -> bool {
        match &self.pinned {
            Some(pinned) => {
                let mut at = pinned.lock().unwrap_or_else(PoisonError::into_inner);
                *at += by;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("an RFC 3339 instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn a_pinned_clock_reads_its_instant_until_moved_and_clones_move_together() {
        let clock = Clock::pinned(instant("2026-12-28T14:59:00Z"));
        let clone = clock.clone();
        assert_eq!(clock.now(), instant("2026-12-28T14:59:00Z"));
        assert_eq!(
            clock.today(),
            NaiveDate::from_ymd_opt(2026, 12, 28).expect("date")
        );
        assert!(clone.advance(TimeDelta::minutes(1)));
        assert_eq!(
            clock.today(),
            NaiveDate::from_ymd_opt(2026, 12, 29).expect("date"),
            "15:00 UTC is midnight in Japan"
        );
        assert!(clock.set(instant("2028-02-29T01:00:00Z")));
        assert_eq!(
            clone.today(),
            NaiveDate::from_ymd_opt(2028, 2, 29).expect("date")
        );
    }

    #[test]
    fn the_system_clock_cannot_be_moved() {
        let clock = Clock::system();
        assert!(!clock.is_pinned());
        assert!(!clock.set(instant("2000-01-01T00:00:00Z")));
        assert!(!clock.advance(TimeDelta::days(1)));
        assert!(clock.now() > instant("2026-01-01T00:00:00Z"));
    }
}
