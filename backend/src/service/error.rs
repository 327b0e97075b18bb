//! What a use case can answer besides its result. No HTTP here: the HTTP edge
//! (`api::error::AppError`) gives each variant its status and problem body.
//!
//! The database's refusals are classified where they enter ([`From<DbErr>`]): a unique or
//! check constraint by its name (`db::constraints`), an unreachable database by the
//! connection error; anything else stays an unexpected database error.

use madoguchi_shared::error::{AffectedReservation, FieldError, FieldErrorCode};
use sea_orm::{DbErr, SqlErr};

use crate::auth::error::AccessError;
use crate::db::constraints::{CheckRule, UniqueKey, Violation, violation};
use crate::mail::error::MailError;
use crate::service::booking::error::BookingError;

/// Every way a use case can fail.
///
/// `Debug` is the `Display` text: logs hold no personal data, not even reservation numbers
/// (`TooManyActiveReservations` and `RuleConflict` carry them for the client only).
#[derive(thiserror::Error)]
pub enum ServiceError {
    /// Input broke validation rules.
    #[error("validation failed on {} field(s)", .0.len())]
    Validation(Vec<FieldError>),
    /// The caller may not do this (credentials, second factor, role, rate).
    #[error(transparent)]
    Access(#[from] AccessError),
    /// The booking rules refused.
    #[error(transparent)]
    Booking(#[from] BookingError),
    /// Nothing by that name or number.
    #[error("not found: {0}")]
    NotFound(String),
    /// A value that must be unique is already used.
    #[error("already exists: {0:?}")]
    AlreadyExists(UniqueKey),
    /// The request conflicts with the current state.
    #[error("conflict: {0}")]
    Conflict(String),
    /// A rule change would overbook these reservations.
    #[error("slot rule conflict with {} reservation(s)", .0.len())]
    RuleConflict(Vec<AffectedReservation>),
    /// A dependency (the database, the mail server) could not be reached.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A database error nobody expected.
    #[error("database error: {0}")]
    Database(#[source] DbErr),
    /// Anything else unexpected.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl std::fmt::Debug for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ServiceError({self})")
    }
}

impl ServiceError {
    /// A validation failure on one field.
    pub fn invalid_field(field: &str, code: FieldErrorCode, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    /// Whether this is the refusal of a unique `key`: the same value was written meanwhile.
    pub fn is_duplicate_of(&self, key: UniqueKey) -> bool {
        matches!(self, Self::AlreadyExists(found) if *found == key)
    }
}

impl crate::db::transaction::FromDatabase for ServiceError {
    fn database_error(&self) -> Option<&DbErr> {
        match self {
            Self::Database(error) => Some(error),
            _ => None,
        }
    }
}

impl From<DbErr> for ServiceError {
    fn from(error: DbErr) -> Self {
        match violation(&error) {
            Some(Violation::Unique(key)) => return Self::AlreadyExists(key),
            Some(Violation::Check(CheckRule::SlotWithinCapacity)) => {
                return BookingError::SlotFull.into();
            }
            // The seat counters went out of step because this write raced another: asking
            // again sees the other's result.
            Some(Violation::Check(CheckRule::SlotCounters)) => {
                return Self::Conflict(
                    "The data changed while the request ran; please try again.".to_owned(),
                );
            }
            Some(Violation::Check(CheckRule::ProcedureUnits)) => {
                return Self::invalid_field(
                    "units_per_person",
                    FieldErrorCode::OutOfRange,
                    "must be 1 or more",
                );
            }
            None => {}
        }
        let code = crate::db::transaction::database_code(&error);
        match (error.sql_err(), code.as_deref()) {
            (Some(SqlErr::UniqueConstraintViolation(_)), _) => {
                Self::Conflict("A record with the same unique value already exists.".to_owned())
            }
            // The input guard and the field rules keep these out; should one slip through,
            // the client still hears that a value could not be stored, not a 500.
            // PostgreSQL: value too long (22001), date out of range (22008), invalid
            // character (22021, 22P05).
            (_, Some("22001" | "22008" | "22021" | "22P05")) => Self::invalid_field(
                "body",
                FieldErrorCode::Unstorable,
                "a value is too long or cannot be stored",
            ),
            // A check this build does not know by name (PostgreSQL 23514, SQLite 275).
            (_, Some("23514" | "275")) => Self::Conflict(
                "The data changed while the request ran; please try again.".to_owned(),
            ),
            _ => match error {
                DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => {
                    Self::Unavailable(error.to_string())
                }
                other => Self::Database(other),
            },
        }
    }
}

impl From<MailError> for ServiceError {
    fn from(error: MailError) -> Self {
        match error {
            MailError::Database(error) => error.into(),
            MailError::Build(error) => Self::Internal(error),
        }
    }
}
