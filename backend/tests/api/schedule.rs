//! Slot settings (R7.4-ア): changes never silently drop reservations.

use madoguchi_shared::dto::reservation::ReservationWithAccess;
use madoguchi_shared::dto::schedule::{
    DayOfWeek, TimeBand, WeekdayBands, WeeklyTemplate, WeeklyTemplateInput,
};
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::ErrorCode;
use reqwest::Method;
use rstest::rstest;

use crate::helpers::{
    Db, MAIN_OFFICE, band, booking, closed_day, open_day, phone, problem, spawn_app,
};

/// A template from 2027-04-01 on, open-ended, with these bands on Mondays only.
fn mondays(name: &str, bands: Vec<TimeBand>) -> WeeklyTemplateInput {
    WeeklyTemplateInput {
        name: name.to_owned(),
        valid_from: chrono::NaiveDate::from_ymd_opt(2027, 4, 1).expect("a date"),
        valid_to: None,
        days: vec![WeekdayBands {
            weekday: DayOfWeek::Mon,
            bands,
        }],
    }
}

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

    let shrink = open_day("縮小", vec![band("09:00", "09:30", 1, 0)]);
    let path = format!("/api/v1/locations/{MAIN_OFFICE}/overrides/{day}");
    let refused = app
        .send_json(Method::PUT, &path, Some(&city), &shrink)
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

    let refused = app
        .send_json(Method::PUT, &path, Some(&city), &closed_day("臨時休業"))
        .await;
    assert_eq!(
        refused.status(),
        409,
        "closing a day with bookings is refused too"
    );

    let grow = open_day("増枠", vec![band("09:00", "09:30", 6, 0)]);
    assert_eq!(
        app.send_json(Method::PUT, &path, Some(&city), &grow)
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
    let template = mondays("2027年度", vec![band("09:00", "10:00", 6, 2)]);
    let path = format!("/api/v1/locations/{MAIN_OFFICE}/templates");
    assert_eq!(
        app.send_json(Method::POST, &path, Some(&operator), &template)
            .await
            .status(),
        403
    );
    let created = app
        .send_json(Method::POST, &path, Some(&city), &template)
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

    let overlapping = mondays(
        "重複",
        vec![band("09:00", "10:00", 1, 0), band("09:30", "10:30", 1, 0)],
    );
    let invalid = app
        .send_json(Method::POST, &path, Some(&city), &overlapping)
        .await;
    assert_eq!(invalid.status(), 422);
    assert_eq!(
        problem(invalid).await.errors[0].field,
        "days[0].bands[1].start"
    );
}
