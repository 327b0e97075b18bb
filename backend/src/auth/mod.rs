//! Staff credentials below the services: password hashing, signed tokens, and time-based
//! one-time codes. The extractors that check them on a request live in `api::extract`.

pub mod citizen_link;
pub mod error;
pub mod jwt;
pub mod password;
pub mod totp;

pub use jwt::TokenKeys;
