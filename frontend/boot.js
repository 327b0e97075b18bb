// Starts the WASM app. Kept in its own file so the Content-Security-Policy needs no
// inline script.
import init from "/madoguchi_frontend.js";
init({ module_or_path: "/madoguchi_frontend_bg.wasm" });
