//! A citizen's own reservation without an account (R7.4-ク).

use madoguchi_shared::dto::reservation::{Reservation, ReservationStatus, ReservationWithAccess};
use madoguchi_shared::error::ErrorCode;
use reqwest::Method;
use rstest::rstest;

use crate::helpers::{Db, booking, change_slot, lookup, member, phone, problem, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_ku_a_citizen_opens_with_number_and_phone_then_changes_adds_removes_and_cancels(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let created: ReservationWithAccess = app
        .book(&booking(day, "09:00", 1, "090-1111-2222"), None)
        .await
        .json()
        .await
        .expect("json");
    let number = created.reservation.number.clone();

    // Opened later from another device: the number (typed loosely) and the phone number.
    let typed = number.to_lowercase().replace('-', " ");
    let lookup = lookup(&typed, "09011112222");
    let opened = app
        .send_json(Method::POST, "/api/v1/reservations/lookup", None, &lookup)
        .await;
    assert_eq!(opened.status(), 200);
    let opened: ReservationWithAccess = opened.json().await.expect("json");
    let token = opened.access_token;
    let path = |suffix: &str| format!("/api/v1/reservations/{number}{suffix}");

    let change = change_slot(day, "11:00");
    let changed: Reservation = app
        .send_json(Method::POST, &path("/change"), Some(&token), &change)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(changed.start.format("%H:%M").to_string(), "11:00");
    assert_eq!(
        app.slot_counters(day, "09:00").await.0,
        0,
        "the old seat is free"
    );

    let add = member("廿日 花子", 2);
    let added: Reservation = app
        .send_json(Method::POST, &path("/members"), Some(&token), &add)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(added.members.len(), 2);
    assert_eq!(app.slot_counters(day, "11:00").await.0, 2);

    let removed: Reservation = app
        .send(
            Method::DELETE,
            &path(&format!("/members/{}", added.members[1].id)),
            Some(&token),
            None,
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(removed.members.len(), 1);
    let last = app
        .send(
            Method::DELETE,
            &path(&format!("/members/{}", removed.members[0].id)),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(last.status(), 422, "the last member cannot be removed");

    let cancelled: Reservation = app
        .send(Method::POST, &path("/cancel"), Some(&token), None)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(cancelled.status, ReservationStatus::Cancelled);
    assert_eq!(app.slot_counters(day, "11:00").await.0, 0);
    // Cancelled, the citizen's link opens nothing any more (issue 13).
    let again = app
        .send(Method::POST, &path("/cancel"), Some(&token), None)
        .await;
    assert_eq!(problem(again).await.code, ErrorCode::NotFound);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn a_wrong_phone_and_an_unknown_number_get_the_same_answer(#[case] db: Db) {
    let app = spawn_app(db).await;
    let created: ReservationWithAccess = app
        .book(&booking(app.office_day(7), "09:00", 1, &phone(1)), None)
        .await
        .json()
        .await
        .expect("json");
    let wrong_phone = lookup(&created.reservation.number, "090-9999-9999");
    let unknown = lookup("AAAA-AAAA", "090-9999-9999");
    let first = app
        .send_json(
            Method::POST,
            "/api/v1/reservations/lookup",
            None,
            &wrong_phone,
        )
        .await;
    let second = app
        .send_json(Method::POST, "/api/v1/reservations/lookup", None, &unknown)
        .await;
    assert_eq!(
        (first.status(), second.status()),
        (
            reqwest::StatusCode::NOT_FOUND,
            reqwest::StatusCode::NOT_FOUND
        )
    );
    assert_eq!(problem(first).await, problem(second).await);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn look_ups_of_one_number_are_rate_limited(#[case] db: Db) {
    let app = spawn_app(db).await;
    let created: ReservationWithAccess = app
        .book(&booking(app.office_day(7), "09:00", 1, &phone(1)), None)
        .await
        .json()
        .await
        .expect("json");
    let wrong = lookup(&created.reservation.number, "090-9999-9999");
    for attempt in 1..=5 {
        let response = app
            .send_json(Method::POST, "/api/v1/reservations/lookup", None, &wrong)
            .await;
        assert_eq!(response.status(), 404, "attempt {attempt}");
    }
    let blocked = app
        .send_json(Method::POST, "/api/v1/reservations/lookup", None, &wrong)
        .await;
    assert_eq!(blocked.status(), 429);
    assert!(blocked.headers().contains_key("retry-after"));
    let right = lookup(&created.reservation.number, &phone(1));
    let still_blocked = app
        .send_json(Method::POST, "/api/v1/reservations/lookup", None, &right)
        .await;
    assert_eq!(
        still_blocked.status(),
        429,
        "even the right answer waits while the number is blocked"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn a_citizen_token_opens_its_own_reservation_and_no_other(#[case] db: Db) {
    let app = spawn_app(db).await;
    let mine: ReservationWithAccess = app
        .book(&booking(app.office_day(7), "09:00", 1, &phone(1)), None)
        .await
        .json()
        .await
        .expect("json");
    let theirs: ReservationWithAccess = app
        .book(&booking(app.office_day(7), "10:00", 1, &phone(2)), None)
        .await
        .json()
        .await
        .expect("json");
    let own = app
        .get_as(
            &format!("/api/v1/reservations/{}", mine.reservation.number),
            &mine.access_token,
        )
        .await;
    assert_eq!(own.status(), 200);
    let other = app
        .get_as(
            &format!("/api/v1/reservations/{}", theirs.reservation.number),
            &mine.access_token,
        )
        .await;
    assert_eq!(other.status(), 404);
    let staff_only = app.get_as("/api/v1/reservations", &mine.access_token).await;
    assert_eq!(
        staff_only.status(),
        401,
        "a citizen token is no staff token"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn look_ups_are_limited_per_client_and_a_forged_forwarded_for_does_not_help(#[case] db: Db) {
    let app = spawn_app(db).await;
    let guess = |n: usize| lookup(&format!("AAAA-{n:04}"), "090-9999-9999");
    for n in 0..20 {
        let response = app
            .client
            .post(app.url("/api/v1/reservations/lookup"))
            .header("X-Forwarded-For", format!("203.0.113.{n}"))
            .json(&guess(n))
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 404, "attempt {n}");
    }
    let blocked = app
        .client
        .post(app.url("/api/v1/reservations/lookup"))
        .header("X-Forwarded-For", "198.51.100.7")
        .json(&guess(99))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        blocked.status(),
        429,
        "the 21st guess from this client waits"
    );
}
