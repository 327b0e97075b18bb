//! The business calendar.

pub mod list;
pub mod time;
