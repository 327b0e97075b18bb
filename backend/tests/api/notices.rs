//! Notices and maintenance announced on the site ahead of time (R7.5).

use chrono::Duration;
use madoguchi_shared::dto::notice::{Notice, NoticeInput, NoticeKind};
use madoguchi_shared::dto::staff::StaffRole;
use reqwest::Method;
use rstest::rstest;

use crate::helpers::{Db, notice, problem, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_5_a_maintenance_window_is_announced_on_the_site_in_advance(#[case] db: Db) {
    let app = spawn_app(db).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let now = app.now();
    let maintenance = NoticeInput {
        title_en: "Planned maintenance".to_owned(),
        body_ja: "この間はWeb予約をご利用いただけません。".to_owned(),
        starts_at: Some(now + Duration::days(3)),
        ends_at: Some(now + Duration::days(3) + Duration::hours(2)),
        ..notice(
            NoticeKind::Maintenance,
            "システムメンテナンスのお知らせ",
            now - Duration::minutes(1),
        )
    };
    assert_eq!(
        app.send_json(Method::POST, "/api/v1/notices", Some(&city), &maintenance)
            .await
            .status(),
        201
    );
    let later = notice(
        NoticeKind::Notice,
        "来月のお知らせ",
        now + Duration::days(10),
    );
    assert_eq!(
        app.send_json(Method::POST, "/api/v1/notices", Some(&city), &later)
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

    let no_window = notice(NoticeKind::Maintenance, "停止", now);
    let refused = app
        .send_json(Method::POST, "/api/v1/notices", Some(&city), &no_window)
        .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(problem(refused).await.errors[0].field, "starts_at");
}
