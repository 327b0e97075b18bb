//! Staff accounts (city administrators only).

pub mod create;
pub mod list;
