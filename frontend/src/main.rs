//! The madoguchi SPA: the citizen pages (and later the staff console), in one Leptos app.

mod api;
mod app;
mod components;
mod i18n;
mod pages;
mod staff;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
