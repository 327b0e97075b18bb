//! The inquiry log (R5.6-R5.7).

pub mod create;
pub mod list;
