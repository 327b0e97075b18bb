//! Contract end (R13.3): export every piece of personal data, then purge it.

pub mod export;
pub mod purge;
