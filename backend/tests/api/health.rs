use rstest::rstest;

use crate::helpers::{Db, problem, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn healthz_answers_ok(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<serde_json::Value>().await.expect("json")["status"],
        "ok"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn readyz_answers_ok_while_the_database_answers_and_503_when_it_is_gone(#[case] db: Db) {
    let app = spawn_app(db).await;
    assert_eq!(app.get("/readyz").await.status(), 200);

    // The test shares the server's pool; closing it takes the database away from the server.
    app.db.clone().close().await.expect("close the pool");
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 503);
    assert_eq!(
        problem(response).await.code,
        madoguchi_shared::error::ErrorCode::ServiceUnavailable
    );
    assert_eq!(
        app.get("/healthz").await.status(),
        200,
        "liveness does not depend on the database"
    );
}
