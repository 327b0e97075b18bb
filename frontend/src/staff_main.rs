//! The staff console under `/staff`.

fn main() {
    console_error_panic_hook::set_once();
    // The pages date themselves by the server's clock, so it is read before they mount.
    wasm_bindgen_futures::spawn_local(async {
        madoguchi_frontend::clock::synchronise().await;
        leptos::mount::mount_to_body(madoguchi_frontend::StaffApp);
    });
}
