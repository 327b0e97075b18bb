//! Why writing or delivering a mail failed: the database refused, or a mail could not be
//! built (a template or a link). Delivery failures of one mail are not errors: the worker
//! records them on the mail and tries again.

use sea_orm::DbErr;

/// A failure of the mail layer.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The outbox could not be read or written.
    #[error("database error: {0}")]
    Database(#[from] DbErr),
    /// A mail could not be built.
    #[error("building a mail failed: {0:#}")]
    Build(#[from] anyhow::Error),
}
