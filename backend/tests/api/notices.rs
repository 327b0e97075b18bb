//! Notices and maintenance announced on the site ahead of time (R7.5).

use chrono::Duration;
use madoguchi_shared::dto::notice::{Notice, NoticeKind};
use madoguchi_shared::dto::staff::StaffRole;
use reqwest::Method;
use rstest::rstest;

use crate::helpers::{Db, problem, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_5_a_maintenance_window_is_announced_on_the_site_in_advance(#[case] db: Db) {
    let app = spawn_app(db).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let now = app.now();
    let maintenance = serde_json::json!({
        "kind": "maintenance",
        "title_ja": "システムメンテナンスのお知らせ",
        "title_en": "Planned maintenance",
        "body_ja": "この間はWeb予約をご利用いただけません。",
        "publish_from": now - Duration::minutes(1),
        "starts_at": now + Duration::days(3),
        "ends_at": now + Duration::days(3) + Duration::hours(2)
    });
    assert_eq!(
        app.send(
            Method::POST,
            "/api/v1/notices",
            Some(&city),
            Some(&maintenance)
        )
        .await
        .status(),
        201
    );
    let later = serde_json::json!({
        "kind": "notice",
        "title_ja": "来月のお知らせ",
        "publish_from": now + Duration::days(10)
    });
    assert_eq!(
        app.send(Method::POST, "/api/v1/notices", Some(&city), Some(&later))
            .await
            .status(),
        201
    );

    let shown: Vec<Notice> = app.get("/api/v1/notices").await.json().await.expect("json");
    assert_eq!(shown.len(), 1, "only what is published now");
    assert_eq!(shown[0].notice.kind, NoticeKind::Maintenance);
    assert!(
        shown[0].notice.starts_at.is_some_and(|starts| starts > now),
        "announced before it starts"
    );
    assert_eq!(
        shown[0].notice.publish_until, shown[0].notice.ends_at,
        "shown until the window ends"
    );

    let all: Vec<Notice> = app
        .get_as("/api/v1/notices?include_unpublished=true", &city)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(all.len(), 2);
    assert_eq!(
        app.get("/api/v1/notices?include_unpublished=true")
            .await
            .status(),
        401
    );

    let no_window =
        serde_json::json!({"kind": "maintenance", "title_ja": "停止", "publish_from": now});
    let refused = app
        .send(
            Method::POST,
            "/api/v1/notices",
            Some(&city),
            Some(&no_window),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(problem(refused).await.errors[0].field, "starts_at");
}
