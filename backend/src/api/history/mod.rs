//! The history viewer's data (R7.4-エ).

pub mod list;
