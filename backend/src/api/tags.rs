//! OpenAPI tags, one per domain. Each operation names its tag; `openapi` describes them.

/// Liveness and readiness.
pub const HEALTH: &str = "health";
/// Staff sign-in.
pub const AUTH: &str = "auth";
/// Staff accounts.
pub const STAFF: &str = "staff";
/// Business calendar and call-center hours.
pub const CALENDAR: &str = "calendar";
/// Procedures, locations and the booking form.
pub const CATALOG: &str = "catalog";
/// The ○△× calendar.
pub const AVAILABILITY: &str = "availability";
/// Booking, changing, cancelling; lists and exports.
pub const RESERVATIONS: &str = "reservations";
/// Who changed what.
pub const HISTORY: &str = "history";
/// Slot settings.
pub const SCHEDULE: &str = "schedule";
/// The call center's inquiry log.
pub const INQUIRIES: &str = "inquiries";
/// Daily and monthly reports, call records.
pub const REPORTS: &str = "reports";
/// Contract-end export and purge.
pub const ADMIN: &str = "admin";
