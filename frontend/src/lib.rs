//! The madoguchi SPA (Leptos, client-side rendered). Two entry points share these modules:
//! the citizen site (`src/main.rs`) and the staff console (`src/staff_main.rs`), each its
//! own WASM file, so a citizen's phone never downloads the staff pages.

mod api;
mod app;
pub mod clock;
mod components;
mod i18n;
mod pages;
mod session;
mod staff;
mod state;

pub use app::{App, StaffApp};
