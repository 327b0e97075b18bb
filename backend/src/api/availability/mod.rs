//! Availability: the ○△× month calendar and a day's bands.

pub mod day;
pub mod month;
