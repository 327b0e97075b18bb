//! Daily and monthly reports (R9.1, R9.2), the inquiry log by category (R5.6) and the
//! call-center answer rate against 80 % (R4.5), checked against figures the test keeps
//! itself while it books, changes, cancels and marks visits.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use madoguchi_backend::jobs;
use madoguchi_shared::dto::report::{CallImportSummary, Report};
use madoguchi_shared::dto::reservation::{AttendanceRequest, ReservationWithAccess};
use madoguchi_shared::dto::staff::StaffRole;
use reqwest::Method;
use rstest::rstest;
use sea_orm::{ConnectionTrait, Statement};

use crate::helpers::{Db, MAIN_OFFICE, TestApp, booking, change_slot, phone, problem, spawn_app};

/// What the test did, counted by itself.
#[derive(Debug, Default)]
struct Expected {
    web: u64,
    phone: u64,
    counter: u64,
    changes: u64,
    cancellations: u64,
    people: u64,
    visits: u64,
    no_shows: u64,
    people_by_procedure: BTreeMap<i64, u64>,
}

const BANDS: [&str; 12] = [
    "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:00", "13:30", "14:00", "14:30",
    "15:00", "15:30",
];

async fn seats_of_day(app: &TestApp, day: NaiveDate) -> (i64, i64) {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "SELECT COALESCE(SUM(capacity), 0)::BIGINT AS capacity, COALESCE(SUM(taken), 0)::BIGINT AS taken FROM slot WHERE location_id = $1 AND date = $2"
        }
        _ => {
            "SELECT COALESCE(SUM(capacity), 0) AS capacity, COALESCE(SUM(taken), 0) AS taken FROM slot WHERE location_id = ? AND date = ?"
        }
    };
    let row = app
        .db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            vec![MAIN_OFFICE.into(), day.into()],
        ))
        .await
        .expect("query")
        .expect("row");
    (
        row.try_get::<i64>("", "capacity").expect("capacity"),
        row.try_get::<i64>("", "taken").expect("taken"),
    )
}

async fn seed(app: &TestApp, day: NaiveDate) -> Expected {
    let operator = app.token_for(StaffRole::Operator).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let mut expected = Expected::default();
    for (i, start) in BANDS.iter().enumerate() {
        let people = 1 + i % 3;
        let mut body = booking(day, start, people, &phone(100 + i));
        for (j, member) in body.members.iter_mut().enumerate() {
            member.procedure_id = i64::try_from(1 + (i + j) % 3).expect("a procedure id");
        }
        let token = match i % 3 {
            0 => None,
            1 => Some(operator.as_str()),
            _ => Some(city.as_str()),
        };
        let response = app.book(&body, token).await;
        assert_eq!(response.status(), 201, "booking {i} at {start}");
        let made: ReservationWithAccess = response.json().await.expect("json");
        let number = made.reservation.number;
        match i % 3 {
            0 => expected.web += 1,
            1 => expected.phone += 1,
            _ => expected.counter += 1,
        }
        let path = |action: &str| format!("/api/v1/reservations/{number}{action}");
        let counted = match i % 6 {
            // Cancelled: made and cancelled today, nobody comes.
            5 => {
                let cancel = app
                    .send(Method::POST, &path("/cancel"), Some(&city), None)
                    .await;
                assert_eq!(cancel.status(), 200);
                expected.cancellations += 1;
                false
            }
            // Moved to 16:00 the same day.
            4 => {
                let change = app
                    .send_json(
                        Method::POST,
                        &path("/change"),
                        Some(&operator),
                        &change_slot(day, "16:00"),
                    )
                    .await;
                assert_eq!(change.status(), 200);
                expected.changes += 1;
                true
            }
            came @ (0 | 1) => {
                let mark = app
                    .send_json(
                        Method::POST,
                        &path("/attendance"),
                        Some(&city),
                        &AttendanceRequest { came: came == 0 },
                    )
                    .await;
                assert_eq!(mark.status(), 200, "attendance");
                if came == 0 {
                    expected.visits += 1;
                } else {
                    expected.no_shows += 1;
                }
                true
            }
            _ => true,
        };
        if counted {
            expected.people += people as u64;
            for j in 0..people {
                *expected
                    .people_by_procedure
                    .entry((1 + (i + j) % 3) as i64)
                    .or_default() += 1;
            }
        }
    }
    expected
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r9_1_daily_report_matches_what_was_booked_changed_cancelled_and_attended(#[case] db: Db) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let expected = seed(&app, day).await;
    let supervisor = app.token_for(StaffRole::CallCenterSupervisor).await;
    let today = app.today();

    // What happened today: reservations made by channel, changes, cancellations.
    let made: Report = app
        .get_as(
            &format!("/api/v1/reports/daily?date={today}&location_id={MAIN_OFFICE}"),
            &supervisor,
        )
        .await
        .json()
        .await
        .expect("report");
    let office = &made.locations[0];
    assert_eq!(office.location_id, MAIN_OFFICE);
    assert_eq!(
        (
            office.totals.made.web,
            office.totals.made.phone,
            office.totals.made.counter
        ),
        (expected.web, expected.phone, expected.counter)
    );
    assert_eq!(office.totals.changes, expected.changes);
    assert_eq!(office.totals.cancellations, expected.cancellations);

    // The visit day: people, visits, no-shows, seats, per procedure.
    let visit: Report = app
        .get_as(
            &format!("/api/v1/reports/daily?date={day}&location_id={MAIN_OFFICE}"),
            &supervisor,
        )
        .await
        .json()
        .await
        .expect("report");
    let figures = &visit.locations[0].totals;
    assert_eq!(figures.people_booked, expected.people);
    assert_eq!(figures.visits, expected.visits);
    assert_eq!(figures.no_shows, expected.no_shows);
    let (capacity, taken) = seats_of_day(&app, day).await;
    assert_eq!(figures.capacity_seats, capacity as u64);
    assert_eq!(figures.booked_seats, taken as u64);
    assert_eq!(taken as u64, expected.people, "one seat per person");
    let utilisation = (taken as f64 * 1000.0 / capacity as f64).round() / 10.0;
    assert_eq!(figures.utilisation_percent, Some(utilisation));
    let by_procedure: BTreeMap<i64, u64> = visit.locations[0]
        .by_procedure
        .iter()
        .map(|count| (count.procedure_id, count.people))
        .collect();
    assert_eq!(by_procedure, expected.people_by_procedure);

    // Every active location appears when none is asked for.
    let all: Report = app
        .get_as(&format!("/api/v1/reports/daily?date={day}"), &supervisor)
        .await
        .json()
        .await
        .expect("report");
    assert_eq!(all.locations.len(), 5);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r9_2_monthly_report_adds_up_the_days_and_r4_5_call_records_give_the_answer_rate(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let expected = seed(&app, day).await;
    let supervisor = app.token_for(StaffRole::CallCenterSupervisor).await;

    // Ten calls on the visit day, 8 answered: exactly the 80 % target.
    let mut csv = String::from("started_at,answered,wait_seconds,talk_seconds\n");
    for i in 0..10 {
        let answered = u8::from(i < 8);
        csv.push_str(&format!(
            "{day} 09:{i:02}:00,{answered},{},{}\n",
            10 * i,
            100 * answered as u32
        ));
    }
    let import = |body: String| {
        let app = &app;
        let supervisor = &supervisor;
        async move {
            app.client
                .post(app.url("/api/v1/call-records"))
                .bearer_auth(supervisor)
                .header("content-type", "text/csv")
                .body(body)
                .send()
                .await
                .expect("sent")
        }
    };
    let first: CallImportSummary = import(csv.clone()).await.json().await.expect("summary");
    assert_eq!((first.imported, first.duplicates), (10, 0));
    let again: CallImportSummary = import(csv).await.json().await.expect("summary");
    assert_eq!(
        (again.imported, again.duplicates),
        (0, 10),
        "overlapping exports count once"
    );
    let bad = import(format!("{day} 09:00:00,maybe,1,1\n")).await;
    assert_eq!(bad.status(), 422);
    assert_eq!(problem(bad).await.errors[0].field, "line 1");

    let month = day.format("%Y-%m");
    let report: Report = app
        .get_as(
            &format!("/api/v1/reports/monthly?month={month}&location_id={MAIN_OFFICE}"),
            &supervisor,
        )
        .await
        .json()
        .await
        .expect("report");
    let office = &report.locations[0];
    assert_eq!(report.from.format("%Y-%m").to_string(), month.to_string());
    assert_eq!(
        office.days.len(),
        report.to.signed_duration_since(report.from).num_days() as usize + 1
    );
    let summed: u64 = office.days.iter().map(|d| d.figures.people_booked).sum();
    assert_eq!(summed, office.totals.people_booked);
    assert_eq!(office.totals.people_booked, expected.people);
    assert_eq!(office.totals.visits, expected.visits);
    assert_eq!(report.calls.offered, 10);
    assert_eq!(report.calls.answered, 8);
    assert_eq!(report.calls.answer_rate_percent, Some(80.0));
    assert_eq!(report.calls.meets_target, Some(true));
    assert_eq!(report.calls.average_wait_seconds, Some(45.0));
    let on_day = report
        .call_days
        .iter()
        .find(|d| d.date == day)
        .expect("the visit day");
    assert_eq!(on_day.figures.offered, 10);

    // CSV with BOM and the figures; XLSX is a workbook.
    let csv = app
        .get_as(
            &format!("/api/v1/reports/monthly?month={month}&location_id={MAIN_OFFICE}&format=csv"),
            &supervisor,
        )
        .await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.expect("text");
    assert!(text.starts_with('\u{FEFF}'));
    assert!(text.contains("\"Web予約\""));
    assert!(
        text.contains(&format!(",\"{day}\",")),
        "a row for the visit day"
    );
    assert!(text.contains("\"80\",\"達成\""), "{text}");
    let xlsx = app
        .get_as(
            &format!("/api/v1/reports/monthly?month={month}&format=xlsx"),
            &supervisor,
        )
        .await;
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.bytes().await.expect("bytes").starts_with(b"PK"));

    // Operators do not read reports.
    let operator = app.token_for(StaffRole::Operator).await;
    let refused = app
        .get_as(&format!("/api/v1/reports/monthly?month={month}"), &operator)
        .await;
    assert_eq!(refused.status(), 403);
    let bad_month = app
        .get_as("/api/v1/reports/monthly?month=2026-13", &supervisor)
        .await;
    assert_eq!(bad_month.status(), 422);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r9_report_jobs_generate_each_period_once_and_keep_the_figures_as_reported(#[case] db: Db) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let expected = seed(&app, day).await;
    let first = jobs::daily_report(&app.db, &app.clock, day)
        .await
        .expect("job");
    assert!(first.is_some_and(|detail| detail.contains("people booked")));
    assert_eq!(
        jobs::daily_report(&app.db, &app.clock, day)
            .await
            .expect("job"),
        None,
        "a second replica skips"
    );
    let next_month = day
        .checked_add_months(chrono::Months::new(1))
        .expect("date");
    assert!(
        jobs::monthly_report(&app.db, &app.clock, next_month)
            .await
            .expect("job")
            .is_some()
    );
    assert_eq!(
        jobs::monthly_report(&app.db, &app.clock, next_month)
            .await
            .expect("job"),
        None
    );

    let city = app.token_for(StaffRole::CityStaff).await;
    let kept: Report = app
        .get_as(
            &format!("/api/v1/reports/daily?date={day}&as_generated=true"),
            &city,
        )
        .await
        .json()
        .await
        .expect("snapshot");
    let office = kept
        .locations
        .iter()
        .find(|place| place.location_id == MAIN_OFFICE)
        .expect("main office");
    assert_eq!(office.totals.people_booked, expected.people);
    let runs: Vec<madoguchi_shared::dto::jobs::JobRun> = app
        .get_as("/api/v1/jobs/runs", &city)
        .await
        .json()
        .await
        .expect("runs");
    assert!(
        runs.iter()
            .any(|run| run.job == "daily_report" && run.outcome == "ok")
    );
    assert!(
        runs.iter()
            .any(|run| run.job == "monthly_report" && run.outcome == "ok")
    );
    let missing = app
        .get_as(
            "/api/v1/reports/daily?date=2026-01-05&as_generated=true",
            &city,
        )
        .await;
    assert_eq!(missing.status(), 404);
}
