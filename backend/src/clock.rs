//! The one source of "now" for the whole server.
//!
//! Everything that asks what time it is — the booking window, holds, tokens, jobs, mails,
//! reports — asks a [`Clock`], never `Utc::now()`. In production the clock reads the system
//! time. The HTTP tests pin it: it reads a chosen instant and moves only when the test moves
//! it, so every test can run on any day of the year and on the hard days on purpose
//! (year-end closure, holiday Mondays, the window's 17:00 edge, midnight Japan time). A
//! development server started with `MADOGUCHI_CLOCK_START` (the browser tests) starts at a
//! chosen instant and runs on from there, as a real server's clock does.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use madoguchi_shared::time::japan;

/// Where "now" comes from. Cheap to clone; clones share one time.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    set: Option<Arc<Mutex<SetTime>>>,
}

/// A clock somebody set: the instant it was set to, and whether it runs on from there.
#[derive(Debug)]
struct SetTime {
    at: DateTime<Utc>,
    running_since: Option<Instant>,
}

impl SetTime {
    fn now(&self) -> DateTime<Utc> {
        match self.running_since {
            Some(since) => {
                self.at + TimeDelta::from_std(since.elapsed()).unwrap_or(TimeDelta::zero())
            }
            None => self.at,
        }
    }
}

impl Clock {
    /// The system's real time: what production runs on.
    pub fn system() -> Self {
        Self { set: None }
    }

    /// A clock that reads `at` until it is set or advanced: what the HTTP tests use.
    pub fn pinned(at: DateTime<Utc>) -> Self {
        Self::with(at, None)
    }

    /// A clock that starts at `at` and runs on in real time from there.
    pub fn starting_at(at: DateTime<Utc>) -> Self {
        Self::with(at, Some(Instant::now()))
    }

    fn with(at: DateTime<Utc>, running_since: Option<Instant>) -> Self {
        Self {
            set: Some(Arc::new(Mutex::new(SetTime { at, running_since }))),
        }
    }

    /// Whether somebody set this clock rather than it reading the system time.
    pub fn is_set(&self) -> bool {
        self.set.is_some()
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.set {
            // A poisoned lock still holds a valid time: a panic elsewhere cannot corrupt it.
            Some(set) => set.lock().unwrap_or_else(PoisonError::into_inner).now(),
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

    /// Moves a set clock to `at` (a running one runs on from there). Returns false, and
    /// changes nothing, for the system clock, which nobody may move.
    pub fn set(&self, at: DateTime<Utc>) -> bool {
        self.adjust(|_| at)
    }

    /// Moves a set clock forward (or back, with a negative delta). False for the system
    /// clock.
    pub fn advance(&self, by: TimeDelta) -> bool {
        self.adjust(|now| now + by)
    }

    fn adjust(&self, to: impl FnOnce(DateTime<Utc>) -> DateTime<Utc>) -> bool {
        let Some(set) = &self.set else {
            return false;
        };
        let mut set = set.lock().unwrap_or_else(PoisonError::into_inner);
        set.at = to(set.now());
        set.running_since = set.running_since.map(|_| Instant::now());
        true
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
    fn a_clock_started_at_an_instant_runs_on_from_it() {
        let start = instant("2027-07-05T01:00:00Z");
        let clock = Clock::starting_at(start);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let later = clock.now();
        assert!(later >= start + TimeDelta::milliseconds(20), "{later}");
        assert!(later < start + TimeDelta::seconds(60), "{later}");
        assert!(clock.advance(TimeDelta::days(1)));
        assert_eq!(
            clock.today(),
            NaiveDate::from_ymd_opt(2027, 7, 6).expect("date")
        );
    }

    #[test]
    fn the_system_clock_cannot_be_moved() {
        let clock = Clock::system();
        assert!(!clock.is_set());
        assert!(!clock.set(instant("2000-01-01T00:00:00Z")));
        assert!(!clock.advance(TimeDelta::days(1)));
        assert!(clock.now() > instant("2026-01-01T00:00:00Z"));
    }
}
