//! The checked-in spec must match the code, and the server must serve the same spec.

use std::path::PathBuf;

use rstest::rstest;

use crate::helpers::{Db, spawn_app};

fn checked_in_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json")
}

#[test]
fn the_checked_in_openapi_spec_matches_the_code() {
    let generated = madoguchi_backend::openapi::spec_json().expect("spec renders");
    let path = checked_in_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("write openapi/openapi.json");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != generated {
        let first_difference = checked_in
            .lines()
            .zip(generated.lines())
            .enumerate()
            .find(|(_, (old, new))| old != new)
            .map(|(line, (old, new))| {
                format!(
                    "line {}:\n  checked in: {old}\n  generated:  {new}",
                    line + 1
                )
            })
            .unwrap_or_else(|| "one file is a prefix of the other".to_owned());
        panic!(
            "openapi/openapi.json is stale ({first_difference}).\n\
             Regenerate it with: UPDATE_OPENAPI=1 cargo test -p madoguchi-backend --test api openapi"
        );
    }
}

#[test]
fn every_operation_has_a_tag_an_operation_id_and_documents_its_errors() {
    let spec: serde_json::Value =
        serde_json::from_str(&madoguchi_backend::openapi::spec_json().expect("spec renders"))
            .expect("valid json");
    let paths = spec["paths"].as_object().expect("paths");
    assert!(
        paths.len() >= 8,
        "expected the whole route table, got {}",
        paths.len()
    );
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("path item") {
            let name = format!("{method} {path}");
            assert!(
                operation["operationId"].is_string(),
                "{name} has no operationId"
            );
            assert!(
                operation["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{name} has no tag"
            );
            let secured = operation["security"]
                .as_array()
                .is_some_and(|s| !s.is_empty());
            if secured {
                assert!(
                    operation["responses"]["401"].is_object(),
                    "{name} does not document 401"
                );
            }
        }
    }
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn the_server_serves_the_spec_and_an_offline_docs_page(#[case] db: Db) {
    let app = spawn_app(db).await;
    let served: serde_json::Value = app
        .get("/api/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    let generated: serde_json::Value =
        serde_json::from_str(&madoguchi_backend::openapi::spec_json().expect("spec renders"))
            .expect("json");
    assert_eq!(served, generated);

    let redirect = app.get("/api/docs").await;
    assert!(redirect.status().is_redirection());
    let docs = app.get("/api/docs/").await;
    assert_eq!(docs.status(), 200);
    let html = docs.text().await.expect("html");
    assert!(html.contains("swagger-ui"), "docs page is Swagger UI");
    assert!(
        !html.contains("cdn") && !html.contains("unpkg"),
        "docs load nothing from a CDN"
    );
    let bundle = app.get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status(), 200, "the UI's script is served locally");
}
