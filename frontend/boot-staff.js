// Starts the staff console's WASM app. Kept in its own file so the Content-Security-Policy
// needs no inline script.
import init from "/madoguchi_staff.js";
init({ module_or_path: "/madoguchi_staff_bg.wasm" });
