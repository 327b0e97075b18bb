//! Building blocks shared by pages.

pub mod calendar;
pub mod problem;
pub mod procedure_guide;
pub mod progress;
