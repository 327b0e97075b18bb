//! Staff authentication: password hashing, tokens, and the role-checking extractor.

pub mod extract;
pub mod jwt;
pub mod password;
pub mod totp;

pub use extract::{
    AnyStaff, Caller, CityAdmin, CityStaff, Policy, ReservationAccess, SignedIn, Staff, Supervisors,
};
pub use jwt::TokenKeys;
