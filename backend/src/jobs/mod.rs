//! Work that runs without a request, beside the services: the scheduler and the job bodies
//! it runs (reminders, retention, reports), and the sweeper that frees lapsed holds. Jobs
//! call services and `db`; nothing below them calls a job.

pub mod reminders;
pub mod reports;
pub mod retention;
pub mod runs;
pub mod schedule;
pub mod sweeper;

pub use reminders::{queue_reminders, tomorrow};
pub use reports::{daily_report, monthly_report};
pub use retention::{Purged, anonymise_before};
pub use runs::{MAX_RUN_ATTEMPTS, RUN_LEASE, recent_runs, run_once};
pub use schedule::{Schedule, run_due};
