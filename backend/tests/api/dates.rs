//! The date-sensitive rules under every [`HardDay`]: the booking window and its 17:00 edge,
//! holidays and the year-end closure in the ○△× calendar, holds expiring, the day-before
//! reminder, the retention purge, and the daily and monthly reports (R7.4-ウ, R7.4-コ, R9.1,
//! R9.2, R13). Each runs with the server's clock pinned to the hard day, on both databases;
//! where a rule is about time passing, the test moves the clock rather than the data.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeDelta, Timelike};
use madoguchi_backend::jobs;
use madoguchi_shared::availability::Mark;
use madoguchi_shared::calendar::{holiday, is_office_day};
use madoguchi_shared::dto::availability::{DayAvailability, MonthAvailability};
use madoguchi_shared::dto::report::Report;
use madoguchi_shared::dto::reservation::ReservationWithAccess;
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::ErrorCode;
use rstest::rstest;
use rstest_reuse::{self, apply, template};

use crate::helpers::{
    Db, HardDay, MAIN_OFFICE, TestApp, booking, hold, phone, problem, spawn_app_at, window_days,
};

/// Every date-sensitive test runs on both databases under every hard day.
#[template]
#[rstest]
fn on_hard_days(
    #[values(Db::Sqlite, Db::Postgres)] db: Db,
    #[values(
        HardDay::FridayBeforeYearEnd,
        HardDay::InsideYearEnd,
        HardDay::BeforeHolidayMonday,
        HardDay::LeapDay,
        HardDay::MonthEnd,
        HardDay::BeforeWindowCloses,
        HardDay::AfterWindowCloses,
        HardDay::LastMinuteOfDay,
        HardDay::AfterMidnight
    )]
    day: HardDay,
) {
}

const NO_CONTACT_LIMIT: (&str, &str) = ("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "0");

async fn spawn(db: Db, day: HardDay) -> TestApp {
    let app = spawn_app_at(db, day.instant(), &[NO_CONTACT_LIMIT]).await;
    assert_eq!(app.now(), day.instant(), "the server's clock is pinned");
    app
}

/// The demo opens the main office on the second Saturday of each month (09:00-12:00).
fn demo_saturday_opening(date: NaiveDate) -> bool {
    date.weekday() == chrono::Weekday::Sat && (8..=14).contains(&date.day())
}

async fn month(app: &TestApp, first: NaiveDate) -> MonthAvailability {
    let response = app
        .get(&format!(
            "/api/v1/locations/{MAIN_OFFICE}/availability?month={}",
            first.format("%Y-%m")
        ))
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

async fn day_bands(app: &TestApp, date: NaiveDate) -> DayAvailability {
    let response = app
        .get(&format!(
            "/api/v1/locations/{MAIN_OFFICE}/availability/{date}"
        ))
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

#[apply(on_hard_days)]
#[tokio::test]
async fn r7_4_u_the_month_calendar_follows_the_business_calendar_and_the_booking_window(
    db: Db,
    day: HardDay,
) {
    let app = spawn(db, day).await;
    let today = app.today();
    let now = app.now().with_timezone(&madoguchi_shared::time::japan());
    let last_open = today + Days::new(window_days());
    let this_month = today.with_day(1).expect("first of month");
    // The window reaches into the third month at most.
    for offset in 0..3 {
        let first = this_month
            .checked_add_months(chrono::Months::new(offset))
            .expect("month");
        for entry in month(&app, first).await.days {
            let date = entry.date;
            let why = format!("{date} seen on {}", day.rfc3339());
            assert_eq!(
                entry.holiday_name_ja.as_deref(),
                holiday(date).map(|kind| kind.name_ja()),
                "{why}"
            );
            // Office days exclude holidays and the year-end closure.
            let offered = is_office_day(date) || demo_saturday_opening(date);
            if !offered || date < today || date > last_open {
                assert_eq!(entry.mark, Mark::Closed, "{why}");
                continue;
            }
            // Booking for a day closes at 17:00 two days before it.
            let closes =
                (date - Days::new(2)).and_time(NaiveTime::from_hms_opt(17, 0, 0).expect("17:00"));
            let expected = if now.naive_local() < closes {
                Mark::Available
            } else {
                Mark::Closed
            };
            assert_eq!(entry.mark, expected, "{why}");
        }
    }
}

#[apply(on_hard_days)]
#[tokio::test]
async fn citizens_book_inside_the_window_up_to_17_00_two_days_before_and_the_call_center_beyond(
    db: Db,
    day: HardDay,
) {
    let app = spawn(db, day).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let today = app.today();
    let japan_now = app.now().with_timezone(&madoguchi_shared::time::japan());
    let before_five = japan_now.hour() < 17;
    // The city opens a band on each day that matters, whatever the calendar says of it.
    let cases = [
        (1, false, "tomorrow closed for the web two days ago"),
        (
            2,
            before_five,
            "the day after tomorrow closes at 17:00 today",
        ),
        (3, true, "three days ahead is open"),
        (window_days(), true, "the last day of the window"),
        (window_days() + 1, false, "one day beyond the window"),
    ];
    for (n, (ahead, open_to_citizens, what)) in cases.into_iter().enumerate() {
        let date = today + Days::new(ahead);
        app.open_band(date, "09:00", "09:30", 4, 0).await;
        let web = app.book(&booking(date, "09:00", 1, &phone(n)), None).await;
        if open_to_citizens {
            assert_eq!(web.status(), 201, "{what}: {date} on {}", day.rfc3339());
        } else {
            assert_eq!(web.status(), 422, "{what}: {date} on {}", day.rfc3339());
            assert_eq!(problem(web).await.code, ErrorCode::OutsideBookingWindow);
        }
        let shown = day_bands(&app, date).await;
        assert_eq!(
            shown.bands[0].bookable, open_to_citizens,
            "{what}: the calendar says what booking does"
        );
        let by_phone = app
            .book(&booking(date, "09:00", 1, &phone(100 + n)), Some(&operator))
            .await;
        assert_eq!(
            by_phone.status(),
            201,
            "{what}: the call center books {date}"
        );
    }
    // A band that has started is past for everyone.
    app.open_band(today, "00:00", "00:15", 4, 0).await;
    let started = app
        .book(&booking(today, "00:00", 1, &phone(50)), Some(&operator))
        .await;
    assert_eq!(started.status(), 422, "{}", day.rfc3339());
}

#[apply(on_hard_days)]
#[tokio::test]
async fn r7_4_u_marks_go_from_available_to_few_to_full_and_a_hold_gives_its_seat_back_when_it_expires(
    db: Db,
    day: HardDay,
) {
    let app = spawn(db, day).await;
    let date = app.office_day(7);
    app.open_band(date, "09:00", "09:30", 3, 0).await;
    let mark = || async { day_bands(&app, date).await.bands[0].mark };
    assert_eq!(mark().await, Mark::Available, "3 seats left is ○");
    assert_eq!(
        app.book(&booking(date, "09:00", 1, &phone(1)), None)
            .await
            .status(),
        201
    );
    assert_eq!(mark().await, Mark::Few, "2 seats left is △");
    assert_eq!(
        app.post_json("/api/v1/holds", &hold(date, "09:00", 2))
            .await
            .status(),
        201
    );
    assert_eq!(mark().await, Mark::Full, "held seats are taken: ×");
    let refused = app.book(&booking(date, "09:00", 1, &phone(2)), None).await;
    assert_eq!(problem(refused).await.code, ErrorCode::SlotFull);

    // Ten minutes on (the default hold), the hold has lapsed and its seats are free again.
    app.clock.advance(TimeDelta::minutes(9));
    let still_held = app.book(&booking(date, "09:00", 1, &phone(3)), None).await;
    assert_eq!(problem(still_held).await.code, ErrorCode::SlotFull);
    app.clock.advance(TimeDelta::minutes(1));
    assert_eq!(
        app.book(&booking(date, "09:00", 1, &phone(4)), None)
            .await
            .status(),
        201,
        "the lapsed hold gives its seats back on {}",
        day.rfc3339()
    );
    assert_eq!(app.slot_counters(date, "09:00").await, (2, 3));
}

#[apply(on_hard_days)]
#[tokio::test]
async fn r7_4_ko_the_reminder_goes_for_tomorrows_visits_only(db: Db, day: HardDay) {
    let app = spawn(db, day).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let tomorrow = jobs::tomorrow(app.today());
    assert_eq!(tomorrow, app.today() + Days::new(1), "{}", day.rfc3339());
    let after = tomorrow + Days::new(1);
    for (n, date) in [tomorrow, after].into_iter().enumerate() {
        app.open_band(date, "09:00", "09:30", 4, 0).await;
        let response = app
            .book(&booking(date, "09:00", 1, &phone(n)), Some(&operator))
            .await;
        assert_eq!(response.status(), 201);
    }
    let notifier = app.notifier();
    assert_eq!(
        jobs::queue_reminders(&app.db, &notifier, tomorrow)
            .await
            .expect("queue"),
        1,
        "only tomorrow's visit, on {}",
        day.rfc3339()
    );
    assert_eq!(
        jobs::queue_reminders(&app.db, &notifier, tomorrow)
            .await
            .expect("queue"),
        0,
        "never twice"
    );
}

#[apply(on_hard_days)]
#[tokio::test]
async fn r13_personal_data_goes_once_the_retention_period_after_the_visit_has_passed(
    db: Db,
    day: HardDay,
) {
    let app = spawn(db, day).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let visit = app.today() + Days::new(1);
    app.open_band(visit, "09:00", "09:30", 4, 0).await;
    let created: ReservationWithAccess = app
        .book(&booking(visit, "09:00", 2, &phone(1)), Some(&operator))
        .await
        .json()
        .await
        .expect("json");
    let retention = 365;
    let purge = |app: &TestApp| {
        let cutoff = app.today() - Days::new(retention);
        let (db, now) = (app.db.clone(), app.now());
        async move {
            jobs::anonymise_before(&db, cutoff, now)
                .await
                .expect("purge")
        }
    };
    assert_eq!(purge(&app).await, jobs::Purged::default(), "not yet");
    // The day the period ends, the visit is exactly `retention` days old: kept.
    app.clock.advance(TimeDelta::days(1 + retention as i64));
    assert_eq!(
        purge(&app).await.reservations,
        0,
        "on the last day, still kept"
    );
    app.clock.advance(TimeDelta::days(1));
    assert_eq!(
        purge(&app).await.reservations,
        1,
        "{} booked on {}",
        created.reservation.number,
        day.rfc3339()
    );
}

async fn report(app: &TestApp, token: &str, query: &str) -> Report {
    let response = app.get_as(&format!("/api/v1/reports/{query}"), token).await;
    assert_eq!(response.status(), 200, "{query}");
    response.json().await.expect("json")
}

fn made(report: &Report) -> u64 {
    report
        .locations
        .iter()
        .map(|place| place.totals.made.total())
        .sum()
}

#[apply(on_hard_days)]
#[tokio::test]
async fn r9_1_r9_2_a_booking_counts_on_the_japanese_day_and_month_it_was_made(
    db: Db,
    day: HardDay,
) {
    let app = spawn(db, day).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let visit = app.office_day(7);
    let first_day = app.today();
    assert_eq!(
        app.book(&booking(visit, "09:00", 1, &phone(1)), Some(&operator))
            .await
            .status(),
        201
    );
    // Past midnight in Japan (still the previous day in UTC for nine hours), another one.
    let midnight = first_day + Days::new(1);
    let to_midnight = madoguchi_backend::service::reports::japan_day_start(midnight) - app.now();
    app.clock.advance(to_midnight + TimeDelta::minutes(1));
    let second_day = app.today();
    assert_eq!(second_day, midnight);
    // Hours may have passed: the operator signs in again.
    let operator = app.token_for(StaffRole::Operator).await;
    let supervisor = app.token_for(StaffRole::CallCenterSupervisor).await;
    assert_eq!(
        app.book(&booking(visit, "10:00", 1, &phone(2)), Some(&operator))
            .await
            .status(),
        201
    );
    for (date, expected) in [(first_day, 1), (second_day, 1)] {
        let daily = report(&app, &supervisor, &format!("daily?date={date}")).await;
        assert_eq!(made(&daily), expected, "{date} seen from {}", day.rfc3339());
    }
    let first_month = first_day.format("%Y-%m").to_string();
    let second_month = second_day.format("%Y-%m").to_string();
    let monthly = report(&app, &supervisor, &format!("monthly?month={first_month}")).await;
    if first_month == second_month {
        assert_eq!(made(&monthly), 2, "{first_month}");
    } else {
        assert_eq!(made(&monthly), 1, "{first_month} ends at midnight");
        let next = report(&app, &supervisor, &format!("monthly?month={second_month}")).await;
        assert_eq!(made(&next), 1, "{second_month} starts at midnight");
    }
}
