//! Staff accounts (city administrators only).

pub mod create;
pub mod list;
pub mod reset_password;
pub mod update;
