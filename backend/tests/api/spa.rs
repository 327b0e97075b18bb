//! The built SPA is served with the right types, and deep links reach the SPA's router.

use std::path::PathBuf;

use crate::helpers::{Db, spawn_app_with};

/// The SPA that `cargo xtask test` builds; outside CI a missing build skips the test.
fn built_spa() -> Option<PathBuf> {
    let dir = std::env::var_os("MADOGUCHI_SPA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../frontend/dist"));
    if dir.join("index.html").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").is_err(),
        "CI must build the SPA before the tests (cargo xtask test does)"
    );
    eprintln!(
        "skipped: no built SPA in {} (run cargo xtask build-spa)",
        dir.display()
    );
    None
}

#[tokio::test]
async fn the_spa_is_served_with_wasm_and_deep_links_fall_back_to_index() {
    let Some(dir) = built_spa() else { return };
    let dir = dir.display().to_string();
    let app = spawn_app_with(Db::Sqlite, &[("MADOGUCHI_STATIC_DIR", &dir)]).await;

    let index = app.get("/").await;
    assert_eq!(index.status(), 200);
    let html = index.text().await.expect("html");
    assert!(
        html.contains("<html lang=\"ja\">") && html.contains("madoguchi_frontend"),
        "{html}"
    );

    let wasm = app.get("/madoguchi_frontend_bg.wasm").await;
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    let bytes = wasm.bytes().await.expect("wasm body");
    assert_eq!(&bytes[..4], b"\0asm");

    let deep_link = app.get("/reservations/ABC-1234").await;
    assert_eq!(deep_link.status(), 200);
    assert!(
        deep_link
            .text()
            .await
            .expect("html")
            .contains("madoguchi_frontend")
    );

    let unknown_api = app.get("/api/v1/not-here").await;
    assert_eq!(unknown_api.status(), 404);
    assert_eq!(
        unknown_api.headers()["content-type"],
        "application/problem+json"
    );
}
