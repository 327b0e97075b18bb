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

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .map(|i| i + start.len())
        .expect("start marker present");
    let to = text[from..]
        .find(end)
        .map(|i| from + i)
        .expect("end marker present");
    &text[from..to]
}

#[tokio::test]
async fn the_spa_is_served_with_fingerprinted_cached_assets_a_csp_and_deep_links() {
    let Some(dir) = built_spa() else { return };
    let dir = dir.display().to_string();
    let app = spawn_app_with(Db::Sqlite, &[("MADOGUCHI_STATIC_DIR", &dir)]).await;

    let index = app.get("/").await;
    assert_eq!(index.status(), 200);
    assert_eq!(
        index.headers()["cache-control"],
        "no-cache",
        "the page is always revalidated"
    );
    let csp = index.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'")
            && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    let html = index.text().await.expect("html");
    assert!(html.contains("<html lang=\"ja\">"), "{html}");

    let boot_path = format!("/boot-{}.js", between(&html, "src=\"/boot-", ".js\""));
    let boot = app.get(&boot_path).await;
    assert_eq!(boot.status(), 200);
    assert_eq!(
        boot.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let boot = boot.text().await.expect("js");
    let wasm_path = format!(
        "/madoguchi_frontend_bg-{}.wasm",
        between(&boot, "/madoguchi_frontend_bg-", ".wasm")
    );

    let wasm = app.get(&wasm_path).await;
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let bytes = wasm.bytes().await.expect("wasm body");
    assert_eq!(&bytes[..4], b"\0asm");
    let compressed = app
        .client
        .get(app.url(&wasm_path))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("sent");
    assert_eq!(compressed.headers()["content-encoding"], "gzip");
    let compressed = compressed.bytes().await.expect("body");
    assert!(
        compressed.len() < bytes.len() * 3 / 4,
        "{} of {} bytes",
        compressed.len(),
        bytes.len()
    );

    let deep_link = app.get("/reservations/ACK7-9WXY").await;
    assert_eq!(deep_link.status(), 200);
    assert!(deep_link.text().await.expect("html").contains("/boot-"));

    // The staff console is its own app: its pages load the staff bundle, never the citizen's,
    // and the citizen's page never loads the staff bundle.
    assert!(
        !html.contains("madoguchi_staff"),
        "citizens do not download the staff pages"
    );
    for path in [
        "/staff",
        "/staff/slots",
        "/staff/login?next=%2Fstaff%2Fphone",
    ] {
        let staff = app.get(path).await;
        assert_eq!(staff.status(), 200, "{path}");
        let staff = staff.text().await.expect("html");
        assert!(
            staff.contains("src=\"/boot-staff-"),
            "{path} boots the staff console"
        );
        assert!(staff.contains("madoguchi_staff-"), "{path}");
    }
    let staff_boot = app
        .get(&format!(
            "/boot-staff-{}.js",
            between(
                &app.get("/staff").await.text().await.expect("html"),
                "src=\"/boot-staff-",
                ".js\""
            )
        ))
        .await
        .text()
        .await
        .expect("js");
    assert!(staff_boot.contains("/madoguchi_staff_bg-"));

    let unknown_api = app.get("/api/v1/not-here").await;
    assert_eq!(unknown_api.status(), 404);
    assert_eq!(
        unknown_api.headers()["content-type"],
        "application/problem+json"
    );
    let api = app.get("/api/v1/procedures").await;
    assert_eq!(
        api.headers()["cache-control"],
        "no-store",
        "API answers are never cached"
    );
}
