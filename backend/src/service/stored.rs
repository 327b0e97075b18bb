//! Enum columns are stored as their wire names. Reading one back is checked: a value the
//! server never writes means the row was changed behind its back, and is reported as the
//! server's fault, never read as some default.

use crate::service::error::ServiceError;

/// The enum value stored in `column` as `value`.
pub fn stored<T>(
    column: &'static str,
    value: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, ServiceError> {
    parse(value).ok_or_else(|| {
        ServiceError::Internal(anyhow::anyhow!(
            "the stored {column} {value:?} is none the server writes"
        ))
    })
}
