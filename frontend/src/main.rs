//! The citizen site: the top page, booking, and one's own reservations.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(madoguchi_frontend::App);
}
