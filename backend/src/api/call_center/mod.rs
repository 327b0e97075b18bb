//! Call-center hours.

pub mod status;
