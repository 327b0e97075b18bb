//! Seats for citizens, not bots (R7.6): a hold takes one party's seats at most; one client
//! holds a few bands at a time and makes so many holds and bookings an hour, counted in the
//! database the replicas share; the client is who the trusted proxies say it is; and city
//! staff cutting a band are never blocked by citizens' holds.

use madoguchi_shared::dto::reservation::HoldRequest;
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::ErrorCode;
use reqwest::Method;
use rstest::rstest;

use crate::helpers::{
    Db, MAIN_OFFICE, TestApp, booking, closed_day, hold, phone, problem, spawn_app_with,
};

/// Holds as a citizen, optionally through a proxy that says who the client is.
async fn hold_from(
    app: &TestApp,
    forwarded_for: Option<&str>,
    body: &HoldRequest,
) -> reqwest::Response {
    let mut request = app.client.post(app.url("/api/v1/holds")).json(body);
    if let Some(forwarded_for) = forwarded_for {
        request = request.header("X-Forwarded-For", forwarded_for);
    }
    request.send().await.expect("sent")
}

fn retry_after(response: &reqwest::Response) -> i64 {
    response
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .expect("a Retry-After header")
}

const BANDS: [&str; 8] = [
    "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:00", "13:30",
];

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_a_hold_takes_one_partys_seats_and_one_client_holds_three_bands_at_a_time(
    #[case] db: Db,
) {
    let app = spawn_app_with(db, &[("MADOGUCHI_LIVE_HOLDS_PER_CLIENT", "3")]).await;
    let day = app.office_day(7);
    let too_many = hold_from(&app, None, &hold(day, "09:00", 6)).await;
    assert_eq!(too_many.status(), 422, "more than a party of five");
    assert_eq!(problem(too_many).await.errors[0].field, "seats");

    let mut statuses = Vec::new();
    let mut last = None;
    for start in BANDS {
        let response = hold_from(&app, None, &hold(day, start, 2)).await;
        statuses.push(response.status().as_u16());
        if response.status() == 429 {
            assert!(
                (1..=600).contains(&retry_after(&response)),
                "until the first lapses"
            );
            assert_eq!(problem(response).await.code, ErrorCode::RateLimited);
        } else {
            last = Some(response.json::<serde_json::Value>().await.expect("json"));
        }
    }
    assert_eq!(statuses, [201, 201, 201, 429, 429, 429, 429, 429]);
    // Letting one go makes room for another; staff are never limited.
    let hold_id = last.expect("a hold")["id"].as_str().expect("id").to_owned();
    let released = app
        .send(
            Method::DELETE,
            &format!("/api/v1/holds/{hold_id}"),
            None,
            None,
        )
        .await;
    assert_eq!(released.status(), 204);
    assert_eq!(
        hold_from(&app, None, &hold(day, "14:00", 2)).await.status(),
        201
    );
    let operator = app.token_for(StaffRole::Operator).await;
    for start in &BANDS[4..] {
        let by_phone = app
            .send_json(
                Method::POST,
                "/api/v1/holds",
                Some(&operator),
                &hold(day, start, 1),
            )
            .await;
        assert_eq!(by_phone.status(), 201, "an operator at {start}");
    }
    // The seats held are counted, and nothing else.
    assert_eq!(app.ledger_drift().await, Vec::<String>::new());
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_behind_trusted_proxies_each_citizen_counts_alone_and_an_ipv6_64_counts_as_one(
    #[case] db: Db,
) {
    let app = spawn_app_with(
        db,
        &[
            ("MADOGUCHI_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"),
            ("MADOGUCHI_LIVE_HOLDS_PER_CLIENT", "1"),
        ],
    )
    .await;
    let day = app.office_day(7);
    let mut band = BANDS.iter().cycle();
    let mut hold_via = async |forwarded_for: &str| {
        let body = hold(day, band.next().expect("a band"), 1);
        hold_from(&app, Some(forwarded_for), &body)
            .await
            .status()
            .as_u16()
    };
    assert_eq!(hold_via("203.0.113.1").await, 201);
    assert_eq!(hold_via("203.0.113.1").await, 429, "the same citizen again");
    assert_eq!(hold_via("203.0.113.2").await, 201, "another citizen");
    assert_eq!(
        hold_via("198.51.100.9, 203.0.113.2").await,
        429,
        "a forged left-most hop does not make a new client"
    );
    assert_eq!(
        hold_via("203.0.113.2, 10.1.2.3").await,
        429,
        "a second proxy of ours is skipped"
    );
    assert_eq!(hold_via("2001:db8:1:2::1").await, 201);
    assert_eq!(
        hold_via("2001:db8:1:2:ffff::9").await,
        429,
        "the same /64 is the same subscriber"
    );
    assert_eq!(
        hold_via("2001:db8:1:3::1").await,
        201,
        "the next /64 is not"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_holds_and_bookings_per_client_are_limited_by_the_hour(#[case] db: Db) {
    let app = spawn_app_with(
        db,
        &[
            ("MADOGUCHI_HOLDS_PER_CLIENT_PER_HOUR", "2"),
            ("MADOGUCHI_BOOKINGS_PER_CLIENT_PER_HOUR", "2"),
            ("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "0"),
        ],
    )
    .await;
    let day = app.office_day(7);
    for start in ["09:00", "09:30"] {
        assert_eq!(
            hold_from(&app, None, &hold(day, start, 1)).await.status(),
            201
        );
    }
    let third = hold_from(&app, None, &hold(day, "10:00", 1)).await;
    assert_eq!(third.status(), 429);
    assert!(retry_after(&third) > 0);
    for n in 0..2 {
        assert_eq!(
            app.book(&booking(day, "11:00", 1, &phone(n)), None)
                .await
                .status(),
            201
        );
    }
    let third = app.book(&booking(day, "11:00", 1, &phone(3)), None).await;
    assert_eq!(third.status(), 429);
    assert_eq!(problem(third).await.code, ErrorCode::RateLimited);
    // An hour later the allowance is back.
    app.clock.advance(chrono::TimeDelta::minutes(61));
    assert_eq!(
        app.book(&booking(day, "11:00", 1, &phone(4)), None)
            .await
            .status(),
        201
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_a_city_staff_cutting_a_band_release_the_citizens_holds_on_it_but_never_a_booking(
    #[case] db: Db,
) {
    let app = spawn_app_with(db, &[]).await;
    let day = app.office_day(7);
    app.open_band(day, "09:00", "09:30", 4, 0).await;
    assert_eq!(
        app.book(&booking(day, "09:00", 1, &phone(1)), None)
            .await
            .status(),
        201
    );
    assert_eq!(
        hold_from(&app, None, &hold(day, "09:00", 3)).await.status(),
        201
    );
    assert_eq!(
        app.slot_counters(day, "09:00").await,
        (4, 4),
        "full: one booked, three held"
    );
    app.open_band(day, "09:00", "09:30", 2, 0).await;
    assert_eq!(
        app.slot_counters(day, "09:00").await,
        (1, 2),
        "the holds went, the booking stayed"
    );
    assert_eq!(app.ledger_drift().await, Vec::<String>::new());

    let city = app.token_for(StaffRole::CityStaff).await;
    let refused = app
        .send_json(
            Method::PUT,
            &format!("/api/v1/locations/{MAIN_OFFICE}/overrides/{day}"),
            Some(&city),
            &closed_day("臨時休業"),
        )
        .await;
    assert_eq!(refused.status(), 409);
    let refused = problem(refused).await;
    assert_eq!(refused.code, ErrorCode::SlotRuleConflict);
    assert_eq!(refused.affected_reservations.len(), 1);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn the_sweeper_gives_back_every_lapsed_hold_at_once_and_leaves_live_ones(#[case] db: Db) {
    let app = spawn_app_with(db, &[]).await;
    let day = app.office_day(7);
    for start in &BANDS[..4] {
        assert_eq!(
            hold_from(&app, None, &hold(day, start, 2)).await.status(),
            201
        );
    }
    // Five minutes on, one more; five more minutes and the first four have lapsed.
    app.clock.advance(chrono::TimeDelta::minutes(5));
    assert_eq!(
        hold_from(&app, None, &hold(day, BANDS[4], 2))
            .await
            .status(),
        201
    );
    app.clock.advance(chrono::TimeDelta::minutes(5));
    let freed = madoguchi_backend::service::booking::sweep_expired_holds(&app.db, app.now())
        .await
        .expect("a sweep");
    assert_eq!(freed, 4);
    for start in &BANDS[..4] {
        assert_eq!(
            app.slot_counters(day, start).await.0,
            0,
            "{start} given back"
        );
    }
    assert_eq!(
        app.slot_counters(day, BANDS[4]).await.0,
        2,
        "the live hold stays"
    );
    assert_eq!(app.ledger_drift().await, Vec::<String>::new());
    assert_eq!(
        madoguchi_backend::service::booking::sweep_expired_holds(&app.db, app.now())
            .await
            .expect("a sweep"),
        0,
        "nothing twice"
    );
}
