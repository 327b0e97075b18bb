//! The operation manuals served as HTML (R8.1, R8.5): the Markdown of `docs/manual`, with
//! the section ids the staff pages' help links open.

use rstest::rstest;

use crate::helpers::{Db, spawn_app_with};

const MANUAL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/manual");

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn r8_5_the_manuals_are_served_as_html_with_a_section_per_staff_page(#[case] db: Db) {
    let app = spawn_app_with(db, &[("MADOGUCHI_MANUAL_DIR", MANUAL_DIR)]).await;
    let index = app.get("/help/").await;
    assert_eq!(index.status(), 200);
    let index = index.text().await.expect("html");
    for slug in ["citizen-guide", "operator-manual", "staff-manual"] {
        assert!(
            index.contains(&format!("/help/ja/{slug}")),
            "{slug} in the index"
        );
        assert!(
            index.contains(&format!("/help/en/{slug}")),
            "{slug} in English"
        );
    }

    let operator = app.get("/help/ja/operator-manual").await;
    assert_eq!(operator.status(), 200);
    assert!(
        operator.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    let operator = operator.text().await.expect("html");
    assert!(operator.contains("<html lang=\"ja\">"));
    assert!(
        operator.contains("<h2 id=\"phone\">"),
        "the phone screen's help link lands"
    );
    assert!(operator.contains("src=\"../screenshots/staff-phone-screen.png\""));
    assert!(operator.contains("<table>"), "tables are rendered");
    assert!(
        operator.contains("href=\"/help/en/operator-manual\""),
        "language switch"
    );

    let staff = app
        .get("/help/en/staff-manual")
        .await
        .text()
        .await
        .expect("html");
    for section in [
        "slots",
        "catalog",
        "reports",
        "accounts",
        "contract-end",
        "jobs",
    ] {
        assert!(
            staff.contains(&format!("id=\"{section}\"")),
            "section {section}"
        );
    }
    assert_eq!(app.get("/help/manual.css").await.status(), 200);
    assert_eq!(app.get("/help/fr/staff-manual").await.status(), 404);
    assert_eq!(app.get("/help/ja/secrets").await.status(), 404);
    assert_eq!(app.get("/help/ja/..%2F..%2FCargo.toml").await.status(), 404);
    assert_eq!(app.get("/help/screenshots/none.png").await.status(), 404);
}
