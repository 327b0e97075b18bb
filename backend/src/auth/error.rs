//! Why a caller may not go on: no valid credentials, a missing second factor, a role that
//! does not allow the action, or too many attempts. The services and the extractors both
//! refuse with it; the HTTP edge turns it into 401, 403 or 429.

/// A refusal of the caller, not of the request's content.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// Credentials are missing, invalid or expired.
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    /// Wrong login id or password.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The password was right; the one-time code is missing.
    #[error("second factor required")]
    SecondFactorRequired,
    /// The session may only set up two-factor sign-in.
    #[error("two-factor set-up required")]
    TwoFactorSetupRequired,
    /// A sensitive action without a recent re-authentication.
    #[error("step-up required")]
    StepUpRequired,
    /// The caller's role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// Too many attempts from one client or on one account.
    #[error("rate limited")]
    RateLimited {
        /// Seconds until the window resets.
        retry_after_seconds: i64,
    },
}
