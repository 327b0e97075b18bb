//! Staff sign-in.

pub mod login;
pub mod me;
pub mod password;
