//! Every failure is an RFC 9457 problem with a stable code, never HTML or a panic.

use madoguchi_shared::dto::auth::StaffRole;
use madoguchi_shared::error::ErrorCode;
use rstest::rstest;

use crate::helpers::{Db, problem, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn unknown_routes_get_a_not_found_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    for path in ["/api/v1/no-such-thing", "/api/nothing", "/not-a-page"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(problem(response).await.code, ErrorCode::NotFound, "{path}");
    }
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn a_wrong_method_gets_a_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app.get("/api/v1/auth/login").await;
    assert!(response.status().is_client_error());
    let problem = problem(response).await;
    assert!(matches!(
        problem.code,
        ErrorCode::NotFound | ErrorCode::MethodNotAllowed
    ));
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn broken_json_gets_a_malformed_body_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"login_id\": ")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    assert_eq!(problem(response).await.code, ErrorCode::MalformedBody);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn json_of_the_wrong_shape_gets_a_malformed_body_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app
        .post_json("/api/v1/auth/login", &serde_json::json!({"login_id": 42}))
        .await;
    assert_eq!(response.status(), 400);
    let problem = problem(response).await;
    assert_eq!(problem.code, ErrorCode::MalformedBody);
    assert!(
        problem.detail.unwrap_or_default().contains("expected"),
        "the detail says what is wrong"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn a_wrong_content_type_gets_an_unsupported_media_type_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body("login_id=admin")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 415);
    assert_eq!(
        problem(response).await.code,
        ErrorCode::UnsupportedMediaType
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn an_oversized_body_gets_a_payload_too_large_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let huge = format!(
        "{{\"login_id\":\"admin\",\"password\":\"{}\"}}",
        "x".repeat(madoguchi_backend::startup::JSON_BODY_LIMIT + 1)
    );
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 413);
    assert_eq!(problem(response).await.code, ErrorCode::PayloadTooLarge);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn a_malformed_query_gets_a_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app.get("/api/v1/calendar?from=26th-of-November").await;
    assert_eq!(response.status(), 400);
    assert_eq!(problem(response).await.code, ErrorCode::MalformedBody);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn invalid_fields_are_listed_in_a_validation_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let token = app.token_for(StaffRole::CityAdmin).await;
    let response = app
        .client
        .post(app.url("/api/v1/staff"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "login_id": "NO SPACES",
            "display_name": "",
            "role": "operator",
            "password": "short"
        }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 422);
    let problem = problem(response).await;
    assert_eq!(problem.code, ErrorCode::ValidationFailed);
    let fields: Vec<_> = problem
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("login_id", "invalid_format"),
            ("display_name", "required"),
            ("password", "too_short")
        ]
    );
}
