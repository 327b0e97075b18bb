//! The database's refusals get their own error codes: a unique value already used answers
//! `already_exists` naming the field, a band over capacity `slot_full`; the schema's
//! constraints are recognised by name on PostgreSQL and by their SQLite spelling.

use madoguchi_backend::db::constraints::{CheckRule, UniqueKey, Violation, violation};
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::{ErrorCode, FieldErrorCode};
use rstest::rstest;
use sea_orm::ConnectionTrait;

use crate::helpers::{
    Db, MAIN_OFFICE, TestApp, band, hold, jigozen_office, open_day, problem, spawn_app,
};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_taken_location_code_is_refused_as_already_exists_naming_the_field(#[case] db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token_for(StaffRole::CityAdmin).await;
    let location = jigozen_office();
    assert_eq!(app.add_location(&admin, &location).await.status(), 201);

    let again = app.add_location(&admin, &location).await;
    assert_eq!(again.status(), 409);
    let refused = problem(again).await;
    assert_eq!(refused.code, ErrorCode::AlreadyExists);
    assert_eq!(refused.errors.len(), 1, "{refused:?}");
    assert_eq!(refused.errors[0].field, "code");
    assert_eq!(refused.errors[0].code, FieldErrorCode::Taken);
}

/// Runs `sql` (written for both databases) and answers what the database refused.
async fn refusal_of(app: &TestApp, sql: &str) -> Option<Violation> {
    let error = app
        .db
        .execute_unprepared(sql)
        .await
        .expect_err("the database refuses the write");
    violation(&error)
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn each_schema_constraint_is_recognised_by_name(#[case] db: Db) {
    let app = spawn_app(db).await;
    app.create_staff(StaffRole::Operator).await;
    app.create_staff(StaffRole::CityStaff).await;
    let date = app.office_day(3);
    app.open_band(date, "09:00", "10:00", 4, 0).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let two_bands = open_day(
        "テスト枠",
        vec![band("09:00", "10:00", 4, 0), band("10:00", "11:00", 4, 0)],
    );
    let saved = app
        .send_json(
            reqwest::Method::PUT,
            &format!("/api/v1/locations/{MAIN_OFFICE}/overrides/{date}"),
            Some(&city),
            &two_bands,
        )
        .await;
    assert_eq!(saved.status(), 200);
    // The slot rows are made when a band is first booked or held.
    for start in ["09:00", "10:00"] {
        let held = app.post_json("/api/v1/holds", &hold(date, start, 1)).await;
        assert!(
            held.status().is_success(),
            "hold {start}: {}",
            held.status()
        );
    }

    let cases = [
        (
            "UPDATE staff_account SET login_id = (SELECT MIN(login_id) FROM staff_account) \
             WHERE login_id = (SELECT MAX(login_id) FROM staff_account)",
            Violation::Unique(UniqueKey::StaffLoginId),
        ),
        (
            "UPDATE location SET code = (SELECT MIN(code) FROM location) \
             WHERE code = (SELECT MAX(code) FROM location)",
            Violation::Unique(UniqueKey::LocationCode),
        ),
        (
            "UPDATE procedure SET code = (SELECT MIN(code) FROM procedure) \
             WHERE code = (SELECT MAX(code) FROM procedure)",
            Violation::Unique(UniqueKey::ProcedureCode),
        ),
        (
            "UPDATE slot SET start_time = (SELECT MIN(start_time) FROM slot) \
             WHERE start_time = (SELECT MAX(start_time) FROM slot)",
            Violation::Unique(UniqueKey::SlotBand),
        ),
        (
            "UPDATE slot SET taken = capacity + 1",
            // SQLite names the check by its first column only (see db::constraints).
            Violation::Check(match db {
                Db::Postgres => CheckRule::SlotWithinCapacity,
                Db::Sqlite => CheckRule::SlotCounters,
            }),
        ),
        (
            "UPDATE slot SET taken = -1, taken_web = -1",
            Violation::Check(CheckRule::SlotCounters),
        ),
        (
            "UPDATE slot SET taken_web = taken + 1",
            Violation::Check(CheckRule::SlotCounters),
        ),
        (
            "UPDATE procedure SET units_per_person = 0",
            Violation::Check(CheckRule::ProcedureUnits),
        ),
    ];
    for (sql, expected) in cases {
        assert_eq!(refusal_of(&app, sql).await, Some(expected), "{sql}");
    }
}
