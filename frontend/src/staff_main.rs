//! The staff console under `/staff`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(madoguchi_frontend::StaffApp);
}
