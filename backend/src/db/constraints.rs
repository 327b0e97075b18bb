//! The schema's unique and check constraints, recognised by name when the database refuses
//! a write, so each refusal can get its own error code instead of a generic conflict.
//!
//! PostgreSQL reports the constraint's name; SQLite reports `table.column` for a unique
//! constraint and the first column for an unnamed check. Both spellings are listed here, next
//! to the constraint they name; `backend/tests/api/constraints.rs` provokes each one on both
//! databases.

use sea_orm::{DbErr, RuntimeErr};

/// A unique constraint of the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UniqueKey {
    /// `staff_account.login_id`.
    StaffLoginId,
    /// `location.code`.
    LocationCode,
    /// `procedure.code`.
    ProcedureCode,
    /// `form_field.key`.
    FormFieldKey,
    /// `reservation.number`.
    ReservationNumber,
    /// `reservation.idempotency_key`.
    IdempotencyKey,
    /// `outbox.dedupe_key`: a mail that goes at most once (a reminder).
    MailDedupeKey,
    /// `job_run.run_key`: a scheduled run happens once.
    JobRunKey,
    /// One override per location and day.
    DayOverride,
    /// One band per location, day and start.
    SlotBand,
    /// One imported call record per call.
    CallRecord,
    /// One report snapshot per period.
    ReportSnapshot,
}

/// A check constraint of the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckRule {
    /// `slot.taken <= slot.capacity`: the band has no seat left (PostgreSQL; SQLite reports
    /// it as [`CheckRule::SlotCounters`]).
    SlotWithinCapacity,
    /// `slot.taken >= 0`, `slot.taken_web >= 0`, `slot.taken_web <= slot.taken`: the seat
    /// counters stay consistent (a write raced another).
    SlotCounters,
    /// `procedure.units_per_person >= 1`.
    ProcedureUnits,
}

/// What the database refused, when it was one of the schema's constraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Violation {
    /// A unique value already exists.
    Unique(UniqueKey),
    /// A check failed.
    Check(CheckRule),
}

/// (PostgreSQL name, SQLite spelling) of each unique constraint.
const UNIQUE_KEYS: [(&str, &str, UniqueKey); 12] = [
    (
        "staff_account_login_id_key",
        "staff_account.login_id",
        UniqueKey::StaffLoginId,
    ),
    (
        "location_code_key",
        "location.code",
        UniqueKey::LocationCode,
    ),
    (
        "procedure_code_key",
        "procedure.code",
        UniqueKey::ProcedureCode,
    ),
    (
        "form_field_key_key",
        "form_field.key",
        UniqueKey::FormFieldKey,
    ),
    (
        "reservation_number_key",
        "reservation.number",
        UniqueKey::ReservationNumber,
    ),
    (
        "reservation_idempotency_key_key",
        "reservation.idempotency_key",
        UniqueKey::IdempotencyKey,
    ),
    (
        "outbox_dedupe_key_key",
        "outbox.dedupe_key",
        UniqueKey::MailDedupeKey,
    ),
    (
        "job_run_run_key_key",
        "job_run.run_key",
        UniqueKey::JobRunKey,
    ),
    (
        "ux_day_override_location_date",
        "day_override.location_id",
        UniqueKey::DayOverride,
    ),
    (
        "ux_slot_location_date_start",
        "slot.location_id",
        UniqueKey::SlotBand,
    ),
    ("uq_call_record", "call_record.", UniqueKey::CallRecord),
    (
        "uq_report_snapshot",
        "report_snapshot.",
        UniqueKey::ReportSnapshot,
    ),
];

/// PostgreSQL's names of the check constraints: `<table>_<column>_check` for a check on one
/// column, `<table>_check`, `<table>_check1`, … in declaration order for the others.
const POSTGRES_CHECKS: [(&str, CheckRule); 5] = [
    ("slot_check", CheckRule::SlotWithinCapacity),
    ("slot_taken_check", CheckRule::SlotCounters),
    ("slot_taken_web_check", CheckRule::SlotCounters),
    ("slot_check1", CheckRule::SlotCounters),
    (
        "procedure_units_per_person_check",
        CheckRule::ProcedureUnits,
    ),
];

/// SQLite names an unnamed check by the first column of its expression, so `taken <=
/// capacity` and `taken >= 0` read alike: both count as the counters' rule there. A band
/// over capacity is refused before the write on both databases (the seat ledger's
/// conditional update); the check is the backstop that no race gets past.
const SQLITE_CHECKS: [(&str, CheckRule); 3] = [
    ("taken", CheckRule::SlotCounters),
    ("taken_web", CheckRule::SlotCounters),
    ("units_per_person", CheckRule::ProcedureUnits),
];

/// The schema constraint `error` reports, if it reports one this module knows.
pub fn violation(error: &DbErr) -> Option<Violation> {
    let database_error = match error {
        DbErr::Exec(RuntimeErr::SqlxError(error)) | DbErr::Query(RuntimeErr::SqlxError(error)) => {
            error.as_database_error()?
        }
        _ => return None,
    };
    if let Some(name) = database_error.constraint() {
        return by_postgres_name(name);
    }
    // SQLite: "UNIQUE constraint failed: table.column, …" or "CHECK constraint failed: expr".
    let message = database_error.message();
    if let Some(columns) = message.strip_prefix("UNIQUE constraint failed: ") {
        return UNIQUE_KEYS
            .iter()
            .find(|(_, spelling, _)| columns.starts_with(spelling))
            .map(|(_, _, key)| Violation::Unique(*key));
    }
    if let Some(expression) = message.strip_prefix("CHECK constraint failed: ") {
        return SQLITE_CHECKS
            .iter()
            .find(|(spelling, _)| expression.trim() == *spelling)
            .map(|(_, rule)| Violation::Check(*rule));
    }
    None
}

fn by_postgres_name(name: &str) -> Option<Violation> {
    UNIQUE_KEYS
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|(_, _, key)| Violation::Unique(*key))
        .or_else(|| {
            POSTGRES_CHECKS
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, rule)| Violation::Check(*rule))
        })
}
