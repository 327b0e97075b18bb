//! The business calendar and call-center hours over HTTP (R4.3, R6.4).

use madoguchi_shared::dto::calendar::CalendarDay;
use madoguchi_shared::dto::call_center::CallCenterStatus;
use madoguchi_shared::error::{ErrorCode, FieldErrorCode};
use rstest::rstest;

use crate::helpers::{Db, problem, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r4_3_the_calendar_marks_holidays_weekends_and_the_year_end_closure(#[case] db: Db) {
    let app = spawn_app(db).await;
    let days: Vec<CalendarDay> = app
        .get("/api/v1/calendar?from=2026-12-26&to=2027-01-12")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(days.len(), 18);
    let day = |date: &str| {
        days.iter()
            .find(|d| d.date.to_string() == date)
            .expect("day listed")
            .clone()
    };

    assert!(
        day("2026-12-28").office_open,
        "Monday Dec 28 is the last office day"
    );
    let closure = day("2026-12-29");
    assert!(!closure.office_open && closure.year_end_closure);
    let new_year = day("2027-01-01");
    assert_eq!(new_year.holiday_name_ja.as_deref(), Some("元日"));
    assert_eq!(new_year.holiday_name_en.as_deref(), Some("New Year's Day"));
    assert!(day("2027-01-04").office_open, "the office reopens on Jan 4");
    assert_eq!(day("2027-01-09").weekday, "sat");
    assert!(!day("2027-01-09").office_open);
    assert_eq!(
        day("2027-01-11").holiday_name_ja.as_deref(),
        Some("成人の日")
    );
    assert!(!day("2027-01-11").office_open);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn a_reversed_or_too_long_range_is_a_validation_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let reversed = problem(
        app.get("/api/v1/calendar?from=2026-12-01&to=2026-11-01")
            .await,
    )
    .await;
    assert_eq!(reversed.code, ErrorCode::ValidationFailed);
    assert_eq!(reversed.errors[0].field, "to");
    let too_long = problem(
        app.get("/api/v1/calendar?from=2026-01-01&to=2028-01-01")
            .await,
    )
    .await;
    assert_eq!(too_long.errors[0].code, FieldErrorCode::RangeTooLong);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r6_4_out_of_hours_the_call_center_gives_its_message_and_next_opening(#[case] db: Db) {
    let app = spawn_app(db).await;
    // Friday evening before a weekend.
    let status: CallCenterStatus = app
        .get("/api/v1/call-center/status?at=2026-11-27T18:00:00%2B09:00")
        .await
        .json()
        .await
        .expect("json");
    assert!(!status.open);
    assert_eq!(
        status.next_opening_at.map(|at| at.to_rfc3339()).as_deref(),
        Some("2026-11-30T08:30:00+09:00")
    );
    let message = status.closed_message_ja.expect("a message while closed");
    assert!(message.contains("受付時間外"), "{message}");
    assert!(
        status
            .closed_message_en
            .expect("english message")
            .contains("closed")
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn r4_3_in_hours_the_call_center_is_open_without_a_message(#[case] db: Db) {
    let app = spawn_app(db).await;
    let status: CallCenterStatus = app
        .get("/api/v1/call-center/status?at=2026-11-26T01:00:00Z")
        .await
        .json()
        .await
        .expect("json");
    assert!(status.open, "10:00 JST on a Thursday is within hours");
    assert_eq!(status.next_opening_at, None);
    assert_eq!(status.closed_message_ja, None);
}
