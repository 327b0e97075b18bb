//! The invariants of DESIGN.md under concurrency, on SQLite and PostgreSQL.

use futures::future::join_all;
use madoguchi_shared::dto::reservation::{CreateReservationRequest, ReservationWithAccess};
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::ErrorCode;
use rstest::rstest;

use crate::helpers::{
    Db, band, booking, change_slot, member, open_day, phone, problem, spawn_app_with,
};

const NO_CONTACT_LIMIT: (&str, &str) = ("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "0");
/// The test's hundred citizens all come from its one address: lift the per-client limits,
/// which are not what these tests are about (`abuse.rs` is).
const MANY_CITIZENS_ONE_ADDRESS: (&str, &str) =
    ("MADOGUCHI_BOOKINGS_PER_CLIENT_PER_HOUR", "100000");

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn invariant_1_a_hundred_concurrent_bookings_never_overbook_a_nearly_full_band(
    #[case] db: Db,
) {
    let app = spawn_app_with(db, &[NO_CONTACT_LIMIT, MANY_CITIZENS_ONE_ADDRESS]).await;
    let day = app.office_day(7);
    app.open_band(day, "09:00", "09:30", 12, 0).await;
    // Nearly full: 7 of 12 seats are gone before the rush.
    for n in 0..7 {
        assert_eq!(
            app.book(&booking(day, "09:00", 1, &phone(1000 + n)), None)
                .await
                .status(),
            201
        );
    }
    let attempts = 100;
    let responses = join_all((0..attempts).map(|n| {
        let body = booking(day, "09:00", 1, &phone(n));
        let app = &app;
        async move { app.book(&body, None).await }
    }))
    .await;
    let mut successes = 0;
    let mut full = 0;
    for response in responses {
        match response.status().as_u16() {
            201 => successes += 1,
            409 => {
                assert_eq!(problem(response).await.code, ErrorCode::SlotFull);
                full += 1;
            }
            other => panic!(
                "unexpected status {other}: {}",
                response.text().await.unwrap_or_default()
            ),
        }
    }
    assert_eq!(successes, 5, "exactly the 5 free seats were sold");
    assert_eq!(
        successes + full,
        attempts,
        "every request got a clean answer"
    );
    assert_eq!(app.slot_counters(day, "09:00").await, (12, 12));
    assert_eq!(
        app.booked_seats(day, "09:00").await,
        12,
        "the counter agrees with the reservations"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn invariant_3_a_retried_request_with_the_same_idempotency_key_books_once(#[case] db: Db) {
    let app = spawn_app_with(db, &[NO_CONTACT_LIMIT, MANY_CITIZENS_ONE_ADDRESS]).await;
    let day = app.office_day(7);
    let body = booking(day, "09:00", 2, &phone(1));
    let send = |key: &'static str, body: CreateReservationRequest| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/reservations"))
                .header("Idempotency-Key", key)
                .json(&body)
                .send()
                .await
                .expect("sent")
        }
    };
    // Five concurrent retries of the same request.
    let responses = join_all((0..5).map(|_| send("booking-attempt-1", body.clone()))).await;
    let mut numbers = Vec::new();
    let mut created = 0;
    for response in responses {
        let status = response.status().as_u16();
        assert!(status == 200 || status == 201, "status {status}");
        created += usize::from(status == 201);
        let reply: ReservationWithAccess = response.json().await.expect("json");
        numbers.push(reply.reservation.number);
    }
    assert_eq!(created, 1, "one of them created it, the others replayed it");
    numbers.dedup();
    assert_eq!(
        numbers.len(),
        1,
        "every retry answers with the same reservation"
    );
    assert_eq!(app.booked_seats(day, "09:00").await, 2);

    let other_body = booking(day, "10:00", 1, &phone(2));
    let reused = send("booking-attempt-1", other_body).await;
    assert_eq!(reused.status(), 422);
    assert_eq!(problem(reused).await.code, ErrorCode::IdempotencyKeyReused);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn invariant_4_concurrent_changes_into_one_last_seat_leave_each_reservation_in_exactly_one_band(
    #[case] db: Db,
) {
    let app = spawn_app_with(db, &[NO_CONTACT_LIMIT, MANY_CITIZENS_ONE_ADDRESS]).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let days = app.office_days(7, 2);
    let (day, later) = (days[0], days[1]);
    app.open_band(day, "09:00", "09:30", 10, 0).await;
    app.open_band(later, "09:00", "09:30", 1, 0).await;
    let mut numbers = Vec::new();
    for n in 0..10 {
        let created: ReservationWithAccess = app
            .book(&booking(day, "09:00", 1, &phone(n)), None)
            .await
            .json()
            .await
            .expect("json");
        numbers.push(created.reservation.number);
    }
    let change = change_slot(later, "09:00");
    let responses = join_all(numbers.iter().map(|number| {
        let app = &app;
        let operator = &operator;
        let change = &change;
        async move {
            app.send_json(
                reqwest::Method::POST,
                &format!("/api/v1/reservations/{number}/change"),
                Some(operator),
                change,
            )
            .await
            .status()
            .as_u16()
        }
    }))
    .await;
    assert_eq!(
        responses.iter().filter(|s| **s == 200).count(),
        1,
        "{responses:?}"
    );
    assert_eq!(
        responses.iter().filter(|s| **s == 409).count(),
        9,
        "{responses:?}"
    );
    // Every reservation is counted in exactly one band.
    assert_eq!(app.slot_counters(day, "09:00").await.0, 9);
    assert_eq!(app.slot_counters(later, "09:00").await.0, 1);
    assert_eq!(app.booked_seats(day, "09:00").await, 9);
    assert_eq!(app.booked_seats(later, "09:00").await, 1);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn invariant_2_r7_4_e_every_mutation_writes_one_history_row_with_the_right_actor(
    #[case] db: Db,
) {
    let app = spawn_app_with(db, &[NO_CONTACT_LIMIT, MANY_CITIZENS_ONE_ADDRESS]).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let day = app.office_day(7);
    let created: ReservationWithAccess = app
        .book(&booking(day, "09:00", 1, &phone(1)), None)
        .await
        .json()
        .await
        .expect("json");
    let number = created.reservation.number.clone();
    let citizen = created.access_token.clone();
    let path = |suffix: &str| format!("/api/v1/reservations/{number}{suffix}");

    assert_eq!(
        app.send_json(
            reqwest::Method::POST,
            &path("/members"),
            Some(&citizen),
            &member("廿日 次郎", 3)
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        app.send_json(
            reqwest::Method::POST,
            &path("/change"),
            Some(&operator),
            &change_slot(day, "10:00")
        )
        .await
        .status(),
        200
    );
    let reservation: serde_json::Value = app
        .get_as(&path(""), &operator)
        .await
        .json()
        .await
        .expect("json");
    let second_member = reservation["members"][1]["id"].as_i64().expect("member id");
    assert_eq!(
        app.send(
            reqwest::Method::DELETE,
            &path(&format!("/members/{second_member}")),
            Some(&operator),
            None
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        app.send(reqwest::Method::POST, &path("/cancel"), Some(&city), None)
            .await
            .status(),
        200
    );

    let history: Vec<serde_json::Value> = app
        .get_as(&path("/history"), &city)
        .await
        .json()
        .await
        .expect("json");
    let entries: Vec<(String, String)> = history
        .iter()
        .rev()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or_default().to_owned(),
                e["actor_kind"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            ("create".to_owned(), "citizen".to_owned()),
            ("member_add".to_owned(), "citizen".to_owned()),
            ("change".to_owned(), "call_center".to_owned()),
            ("member_remove".to_owned(), "call_center".to_owned()),
            ("cancel".to_owned(), "city".to_owned()),
        ],
        "one row per mutation, in order, with the actor kind from the caller's identity"
    );
    assert_eq!(history[2]["before"]["start"], "09:00");
    assert_eq!(history[2]["after"]["start"], "10:00");
    assert_eq!(app.slot_counters(day, "09:00").await.0, 0);
    assert_eq!(
        app.slot_counters(day, "10:00").await.0,
        0,
        "cancelling freed every seat"
    );

    let by_city: Vec<serde_json::Value> = app
        .get_as("/api/v1/history?actor_kind=city", &city)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(by_city.len(), 1);
    assert_eq!(by_city[0]["reservation_number"], number.as_str());
}

/// Who makes the racing requests: the citizen with their own link, or an operator.
#[derive(Clone, Copy, Debug)]
enum Caller {
    Citizen,
    Operator,
}

/// What races a change of the same reservation.
#[derive(Clone, Copy, Debug)]
enum Rival {
    Cancel,
    AddMember,
    RemoveMember,
}

/// Rounds of each rival; every round races two requests on one reservation.
const ROUNDS: usize = 50;

#[rstest]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn invariant_1_4_a_change_racing_a_cancel_an_added_or_a_removed_member_of_the_same_reservation_keeps_every_counter_true(
    #[values(Db::Sqlite, Db::Postgres)] db: Db,
    #[values(Caller::Citizen, Caller::Operator)] caller: Caller,
) {
    let app = spawn_app_with(db, &[NO_CONTACT_LIMIT, MANY_CITIZENS_ONE_ADDRESS]).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let days = app.office_days(7, 2);
    let (day, later) = (days[0], days[1]);
    app.open_band(day, "09:00", "09:30", 500, 0).await;
    app.open_band(later, "09:00", "09:30", 500, 0).await;
    let rivals = [Rival::Cancel, Rival::AddMember, Rival::RemoveMember];
    let mut rounds = Vec::new();
    for (n, rival) in rivals
        .iter()
        .flat_map(|rival| std::iter::repeat_n(*rival, ROUNDS))
        .enumerate()
    {
        let created: ReservationWithAccess = app
            .book(&booking(day, "09:00", 2, &phone(n)), Some(&operator))
            .await
            .json()
            .await
            .expect("json");
        rounds.push((rival, created));
    }
    let change = change_slot(later, "09:00");
    let add = member("廿日 三郎", 2);
    let mut statuses = Vec::new();
    for chunk in rounds.chunks(10) {
        let pairs = chunk.iter().map(|(rival, created)| {
            let token = match caller {
                Caller::Citizen => created.access_token.clone(),
                Caller::Operator => operator.clone(),
            };
            let number = created.reservation.number.clone();
            let second_member = created.reservation.members[1].id;
            let (app, change, add) = (&app, &change, &add);
            async move {
                let path = |suffix: &str| format!("/api/v1/reservations/{number}{suffix}");
                let change_path = path("/change");
                let moving =
                    app.send_json(reqwest::Method::POST, &change_path, Some(&token), change);
                let rival_request = async {
                    match rival {
                        Rival::Cancel => {
                            app.send(reqwest::Method::POST, &path("/cancel"), Some(&token), None)
                                .await
                        }
                        Rival::AddMember => {
                            app.send_json(
                                reqwest::Method::POST,
                                &path("/members"),
                                Some(&token),
                                add,
                            )
                            .await
                        }
                        Rival::RemoveMember => {
                            app.send(
                                reqwest::Method::DELETE,
                                &path(&format!("/members/{second_member}")),
                                Some(&token),
                                None,
                            )
                            .await
                        }
                    }
                };
                let (moved, rivalled) = futures::join!(moving, rival_request);
                (*rival, moved.status().as_u16(), rivalled.status().as_u16())
            }
        });
        statuses.extend(join_all(pairs).await);
    }
    let server_errors: Vec<_> = statuses
        .iter()
        .filter(|(_, moved, rivalled)| *moved >= 500 || *rivalled >= 500)
        .collect();
    let drift = app.ledger_drift().await;
    assert!(
        server_errors.is_empty() && drift.is_empty(),
        "{caller:?}, {} racing pairs: {} answered 5xx {server_errors:?}; {} bands or reservations drifted:\n{}",
        statuses.len(),
        server_errors.len(),
        drift.len(),
        drift.join("\n")
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn invariant_1_city_staff_cutting_a_band_while_citizens_book_it_get_409_never_500_and_never_overbook(
    #[case] db: Db,
) {
    use crate::helpers::MAIN_OFFICE;
    let app = spawn_app_with(db, &[NO_CONTACT_LIMIT, MANY_CITIZENS_ONE_ADDRESS]).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let day = app.office_day(7);
    app.open_band(day, "09:00", "09:30", 10, 0).await;
    let bookings = (0..30).map(|n| {
        let body = booking(day, "09:00", 1, &phone(n));
        let app = &app;
        async move { app.book(&body, None).await.status().as_u16() }
    });
    let cuts = (0..12).map(|n| {
        let capacity = if n % 2 == 0 { 4 } else { 10 };
        let body = open_day("テスト枠", vec![band("09:00", "09:30", capacity, 0)]);
        let (app, city) = (&app, &city);
        async move {
            app.send_json(
                reqwest::Method::PUT,
                &format!("/api/v1/locations/{MAIN_OFFICE}/overrides/{day}"),
                Some(city),
                &body,
            )
            .await
            .status()
            .as_u16()
        }
    });
    let (booked, cut) = futures::join!(join_all(bookings), join_all(cuts));
    assert!(
        booked.iter().all(|status| matches!(status, 201 | 409)),
        "bookings: {booked:?}"
    );
    assert!(
        cut.iter().all(|status| matches!(status, 200 | 409)),
        "capacity changes: {cut:?}"
    );
    let (taken, capacity) = app.slot_counters(day, "09:00").await;
    assert!(taken <= capacity, "{taken} of {capacity}");
    assert_eq!(
        taken,
        i32::try_from(booked.iter().filter(|status| **status == 201).count()).expect("count")
    );
    assert_eq!(app.ledger_drift().await, Vec::<String>::new());
}
