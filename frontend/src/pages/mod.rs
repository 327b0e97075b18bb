//! One module per page.

pub mod booking;
pub mod home_page;
pub mod lookup_page;
pub mod manage_page;
pub mod not_found_page;
