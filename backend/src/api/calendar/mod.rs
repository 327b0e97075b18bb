//! The business calendar.

pub mod list;
