//! What can be booked and where.

pub mod locations;
pub mod procedures;
