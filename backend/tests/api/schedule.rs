//! Slot settings (R7.4-ア): changes never silently drop reservations.

use madoguchi_shared::dto::reservation::ReservationWithAccess;
use madoguchi_shared::dto::schedule::WeeklyTemplate;
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::ErrorCode;
use reqwest::Method;
use rstest::rstest;

use crate::helpers::{Db, MAIN_OFFICE, booking, phone, problem, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_a_a_change_that_would_overbook_is_refused_with_the_affected_reservations(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let day = app.office_day(7);
    let created: ReservationWithAccess = app
        .book(&booking(day, "09:00", 2, &phone(1)), None)
        .await
        .json()
        .await
        .expect("json");

    let shrink = serde_json::json!({
        "closed": false,
        "label": "縮小",
        "bands": [{"start": "09:00", "end": "09:30", "capacity": 1, "phone_quota": 0}]
    });
    let path = format!("/api/v1/locations/{MAIN_OFFICE}/overrides/{day}");
    let refused = app
        .send(Method::PUT, &path, Some(&city), Some(&shrink))
        .await;
    assert_eq!(refused.status(), 409);
    let problem = problem(refused).await;
    assert_eq!(problem.code, ErrorCode::SlotRuleConflict);
    assert_eq!(problem.affected_reservations.len(), 1);
    assert_eq!(
        problem.affected_reservations[0].number,
        created.reservation.number
    );
    assert_eq!(
        (
            problem.affected_reservations[0].seats,
            problem.affected_reservations[0].new_capacity
        ),
        (2, 1)
    );
    assert_eq!(
        app.slot_counters(day, "09:00").await,
        (2, 4),
        "nothing changed"
    );

    let close = serde_json::json!({"closed": true, "label": "臨時休業", "bands": []});
    let refused = app
        .send(Method::PUT, &path, Some(&city), Some(&close))
        .await;
    assert_eq!(
        refused.status(),
        409,
        "closing a day with bookings is refused too"
    );

    let grow = serde_json::json!({
        "closed": false,
        "label": "増枠",
        "bands": [{"start": "09:00", "end": "09:30", "capacity": 6, "phone_quota": 0}]
    });
    assert_eq!(
        app.send(Method::PUT, &path, Some(&city), Some(&grow))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.slot_counters(day, "09:00").await,
        (2, 6),
        "the slot follows the new capacity"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_a_city_staff_manage_weekly_templates_and_operators_cannot(#[case] db: Db) {
    let app = spawn_app(db).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let template = serde_json::json!({
        "name": "2027年度",
        "valid_from": "2027-04-01",
        "valid_to": null,
        "days": [{"weekday": "mon", "bands": [{"start": "09:00", "end": "10:00", "capacity": 6, "phone_quota": 2}]}]
    });
    let path = format!("/api/v1/locations/{MAIN_OFFICE}/templates");
    assert_eq!(
        app.send(Method::POST, &path, Some(&operator), Some(&template))
            .await
            .status(),
        403
    );
    let created = app
        .send(Method::POST, &path, Some(&city), Some(&template))
        .await;
    assert_eq!(created.status(), 201);
    let listed: Vec<WeeklyTemplate> = app
        .get_as(&path, &operator)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].template.days[0].bands[0].capacity, 6);

    let overlapping = serde_json::json!({
        "name": "重複",
        "valid_from": "2027-04-01",
        "valid_to": null,
        "days": [{"weekday": "mon", "bands": [
            {"start": "09:00", "end": "10:00", "capacity": 1, "phone_quota": 0},
            {"start": "09:30", "end": "10:30", "capacity": 1, "phone_quota": 0}
        ]}]
    });
    let invalid = app
        .send(Method::POST, &path, Some(&city), Some(&overlapping))
        .await;
    assert_eq!(invalid.status(), 422);
    assert_eq!(
        problem(invalid).await.errors[0].field,
        "days[0].bands[1].start"
    );
}
