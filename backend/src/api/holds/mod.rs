//! Seat holds (仮押さえ).

pub mod create;
pub mod delete;
