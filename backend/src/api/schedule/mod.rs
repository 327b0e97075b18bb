//! Slot settings (R7.4-ア): weekly templates, day overrides, the booking window.

pub mod booking_window;
pub mod overrides;
pub mod templates;
