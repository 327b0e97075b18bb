//! Staff accounts (city administrators only).

pub mod create;
pub mod list;
pub mod reset_password;
pub mod reset_two_factor;
pub mod update;
