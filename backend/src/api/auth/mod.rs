//! Staff sign-in.

pub mod login;
pub mod logout;
pub mod me;
pub mod password;
pub mod step_up;
pub mod two_factor;
