//! Booking by citizens and operators (R7.4-オ, カ, キ, ケ; R5.3, R5.4), availability
//! (R7.4-ウ), holds and channel quotas, and the abuse guard.

use madoguchi_shared::availability::Mark;
use madoguchi_shared::dto::availability::{DayAvailability, MonthAvailability};
use madoguchi_shared::dto::form::{FieldKind, FormField};
use madoguchi_shared::dto::reservation::{Channel, Hold, ReservationWithAccess};
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::{ErrorCode, FieldErrorCode};
use madoguchi_shared::reservation_number;
use reqwest::Method;
use rstest::rstest;

use crate::helpers::{
    Db, MAIN_OFFICE, TestApp, booking, hold, phone, problem, spawn_app, spawn_app_with,
};

/// Two distinct office days a week or more ahead, both open to citizens.
fn days_ahead(app: &TestApp) -> [chrono::NaiveDate; 2] {
    let days = app.office_days(7, 2);
    [days[0], days[1]]
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_u_the_month_calendar_marks_office_days_and_closes_weekends(#[case] db: Db) {
    let app = spawn_app(db).await;
    let day = app.office_day(10);
    let month = day.format("%Y-%m").to_string();
    let calendar: MonthAvailability = app
        .get(&format!(
            "/api/v1/locations/{MAIN_OFFICE}/availability?month={month}"
        ))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(calendar.channel, Channel::Web);
    let entry = calendar
        .days
        .iter()
        .find(|d| d.date == day)
        .expect("the day is listed");
    assert_eq!(entry.mark, Mark::Available);
    // 14 day bands of 4 seats with 1 kept for phone, 2 lunch bands of 2 seats (+ Thursday nights).
    assert!(
        entry.remaining >= 14 * 3 + 2 * 2,
        "remaining {}",
        entry.remaining
    );
    for sunday in calendar
        .days
        .iter()
        .filter(|d| chrono::Datelike::weekday(&d.date) == chrono::Weekday::Sun)
    {
        assert_eq!(sunday.mark, Mark::Closed, "{}", sunday.date);
    }
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_o_ka_ki_a_citizen_books_a_family_of_three_and_gets_a_number_and_what_to_bring(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let mut body = booking(day, "10:00", 3, &phone(1));
    body.members[1].procedure_id = 2;
    body.members[2].procedure_id = 4;
    let response = app.book(&body, None).await;
    assert_eq!(response.status(), 201);
    let created: ReservationWithAccess = response.json().await.expect("json");
    let reservation = &created.reservation;
    assert_eq!(
        reservation_number::normalize(&reservation.number).as_deref(),
        Some(reservation.number.as_str())
    );
    assert_eq!(reservation.channel, Channel::Web);
    assert_eq!(reservation.members.len(), 3);
    let procedures: Vec<_> = reservation
        .members
        .iter()
        .map(|m| m.procedure.name_ja.as_str())
        .collect();
    assert_eq!(
        procedures,
        vec![
            "カードの受取り",
            "電子証明書の更新・新規発行",
            "カードの申請"
        ]
    );
    assert!(
        reservation.members[0]
            .procedure
            .what_to_bring_ja
            .contains("交付通知書"),
        "R5.4 what to bring"
    );
    assert!(created.manage_url.contains(&reservation.number));

    let band: DayAvailability = app
        .get(&format!(
            "/api/v1/locations/{MAIN_OFFICE}/availability/{day}"
        ))
        .await
        .json()
        .await
        .expect("json");
    let ten = band
        .bands
        .iter()
        .find(|b| b.start.format("%H:%M").to_string() == "10:00")
        .expect("10:00");
    assert_eq!(
        (ten.capacity, ten.remaining),
        (3, 0),
        "the web's 3 seats are taken"
    );
    assert_eq!(ten.mark, Mark::Full);
    assert_eq!(app.booked_seats(day, "10:00").await, 3);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r5_3_an_operator_books_for_a_caller_on_the_phone_channel_and_reads_out_the_guide(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let day = app.office_day(7);
    let response = app
        .book(&booking(day, "09:00", 2, &phone(2)), Some(&operator))
        .await;
    assert_eq!(response.status(), 201);
    let created: ReservationWithAccess = response.json().await.expect("json");
    assert_eq!(created.reservation.channel, Channel::Phone);
    assert!(
        !created.reservation.members[0].procedure.notes_ja.is_empty(),
        "R5.4 notes to read out"
    );
    // The phone sees the seat kept for it.
    let band: DayAvailability = app
        .get_as(
            &format!("/api/v1/locations/{MAIN_OFFICE}/availability/{day}"),
            &operator,
        )
        .await
        .json()
        .await
        .expect("json");
    let nine = &band.bands[1];
    assert_eq!(nine.start.format("%H:%M").to_string(), "09:00");
    assert_eq!((nine.capacity, nine.remaining), (4, 2));
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn r7_4_ke_the_contact_form_rules_are_enforced_field_by_field(#[case] db: Db) {
    let app = spawn_app(db).await;
    let mut body = booking(app.office_day(7), "09:00", 1, "12345");
    body.contact
        .insert("name_kana".to_owned(), "はつか".to_owned());
    body.contact.insert("birth_date".to_owned(), String::new());
    body.members[0].procedure_id = 999;
    let response = app.book(&body, None).await;
    assert_eq!(response.status(), 422);
    let fields: Vec<_> = problem(response)
        .await
        .errors
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect();
    assert_eq!(
        fields,
        vec![
            (
                "members[0].procedure_id".to_owned(),
                FieldErrorCode::Unknown
            ),
            (
                "contact.name_kana".to_owned(),
                FieldErrorCode::InvalidFormat
            ),
            ("contact.phone".to_owned(), FieldErrorCode::InvalidFormat),
            ("contact.birth_date".to_owned(), FieldErrorCode::Required),
        ]
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_band_the_location_does_not_offer_and_a_day_outside_the_window_are_refused(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let not_offered = app
        .book(&booking(app.office_day(7), "07:00", 1, &phone(3)), None)
        .await;
    assert_eq!(problem(not_offered).await.code, ErrorCode::SlotNotOffered);
    let too_far = app
        .book(
            &booking(app.office_day_beyond_window(), "09:00", 1, &phone(3)),
            None,
        )
        .await;
    assert_eq!(too_far.status(), 422);
    assert_eq!(problem(too_far).await.code, ErrorCode::OutsideBookingWindow);
    // Tomorrow's bands closed for the web at 17:00 the day before yesterday, whatever the
    // time now: the city opens one so that the day is surely offered.
    let tomorrow = app.today().succ_opt().expect("a date");
    app.open_band(tomorrow, "09:00", "09:30", 4, 0).await;
    let too_late = app
        .book(&booking(tomorrow, "09:00", 1, &phone(3)), None)
        .await;
    assert_eq!(too_late.status(), 422);
    assert_eq!(
        problem(too_late).await.code,
        ErrorCode::OutsideBookingWindow
    );
    // The call center may still book what citizens can no longer book on the web.
    let operator = app.token_for(StaffRole::Operator).await;
    for (n, day) in [app.office_day_beyond_window(), tomorrow]
        .into_iter()
        .enumerate()
    {
        assert_eq!(
            app.book(&booking(day, "09:00", 1, &phone(4 + n)), Some(&operator))
                .await
                .status(),
            201,
            "{day}"
        );
    }
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_a_a_saturday_special_opening_becomes_bookable(#[case] db: Db) {
    let app = spawn_app(db).await;
    let day = app.closed_saturday(7);
    let closed: DayAvailability = app
        .get(&format!(
            "/api/v1/locations/{MAIN_OFFICE}/availability/{day}"
        ))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        (closed.mark, closed.special_label),
        (Mark::Closed, None),
        "a Saturday is closed unless opened"
    );
    app.open_band(day, "09:00", "09:30", 2, 0).await;
    let opened: DayAvailability = app
        .get(&format!(
            "/api/v1/locations/{MAIN_OFFICE}/availability/{day}"
        ))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(opened.mark, Mark::Few, "2 seats left is △");
    assert_eq!(opened.special_label.as_deref(), Some("テスト枠"));
    assert_eq!(
        app.book(&booking(day, "09:00", 1, &phone(4)), None)
            .await
            .status(),
        201
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_hold_keeps_the_seat_for_the_citizen_filling_in_the_form(#[case] db: Db) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    app.open_band(day, "09:00", "09:30", 1, 0).await;
    let held = app.post_json("/api/v1/holds", &hold(day, "09:00", 1)).await;
    assert_eq!(held.status(), 201);
    let held: Hold = held.json().await.expect("json");

    let someone_else = app.book(&booking(day, "09:00", 1, &phone(5)), None).await;
    assert_eq!(
        problem(someone_else).await.code,
        ErrorCode::SlotFull,
        "the held seat is not for others"
    );

    let mut mine = booking(day, "09:00", 1, &phone(6));
    mine.hold_id = Some(held.id);
    assert_eq!(
        app.book(&mine, None).await.status(),
        201,
        "the holder gets the seat"
    );
    assert_eq!(app.slot_counters(day, "09:00").await, (1, 1));
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn an_abandoned_hold_frees_its_seat(#[case] db: Db) {
    use sea_orm::{EntityTrait, sea_query::Expr};
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    app.open_band(day, "09:00", "09:30", 1, 0).await;
    assert_eq!(
        app.post_json("/api/v1/holds", &hold(day, "09:00", 1))
            .await
            .status(),
        201
    );
    madoguchi_backend::db::hold::Entity::update_many()
        .col_expr(
            madoguchi_backend::db::hold::Column::ExpiresAt,
            Expr::value(app.now() - chrono::Duration::seconds(1)),
        )
        .exec(&app.db)
        .await
        .expect("expire the hold");
    assert_eq!(
        app.book(&booking(day, "09:00", 1, &phone(7)), None)
            .await
            .status(),
        201
    );
    assert_eq!(
        app.slot_counters(day, "09:00").await,
        (1, 1),
        "the expired hold gave its seat back"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn the_phone_quota_is_kept_for_the_call_center(#[case] db: Db) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    app.open_band(day, "09:00", "09:30", 2, 1).await;
    assert_eq!(
        app.book(&booking(day, "09:00", 1, &phone(8)), None)
            .await
            .status(),
        201
    );
    let web_again = app.book(&booking(day, "09:00", 1, &phone(9)), None).await;
    assert_eq!(
        problem(web_again).await.code,
        ErrorCode::SlotFull,
        "the last seat is the phone's"
    );
    let operator = app.token_for(StaffRole::Operator).await;
    assert_eq!(
        app.book(&booking(day, "09:00", 1, &phone(10)), Some(&operator))
            .await
            .status(),
        201
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn one_contact_cannot_hold_several_bookings_and_the_operator_sees_the_existing_one(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let [day, later] = days_ahead(&app);
    let first: ReservationWithAccess = app
        .book(&booking(day, "09:00", 1, &phone(11)), None)
        .await
        .json()
        .await
        .expect("json");
    let again = app
        .book(&booking(later, "10:00", 1, &phone(11)), None)
        .await;
    assert_eq!(again.status(), 409);
    let citizen_view = problem(again).await;
    assert_eq!(citizen_view.code, ErrorCode::TooManyActiveReservations);
    assert!(
        citizen_view.existing_reservations.is_empty(),
        "a citizen never learns other numbers"
    );

    let operator = app.token_for(StaffRole::Operator).await;
    let by_phone = app
        .book(&booking(later, "10:00", 1, &phone(11)), Some(&operator))
        .await;
    assert_eq!(
        problem(by_phone).await.existing_reservations,
        vec![first.reservation.number]
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn the_limit_per_contact_is_configurable(#[case] db: Db) {
    let app = spawn_app_with(
        db,
        &[("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "0")],
    )
    .await;
    let [day, later] = days_ahead(&app);
    assert_eq!(
        app.book(&booking(day, "09:00", 1, &phone(12)), None)
            .await
            .status(),
        201
    );
    assert_eq!(
        app.book(&booking(later, "09:00", 1, &phone(12)), None)
            .await
            .status(),
        201
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_required_card_notice_number_also_limits_one_person_to_one_booking(#[case] db: Db) {
    let app = spawn_app(db).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    require_notice_number(&app, &city).await;

    let [day, later] = days_ahead(&app);
    let mut first = booking(day, "09:00", 1, &phone(20));
    first
        .contact
        .insert("notice_number".to_owned(), "AB-1234 5678".to_owned());
    assert_eq!(app.book(&first, None).await.status(), 201);
    // Another phone and email, the same notice number written differently.
    let mut second = booking(later, "09:00", 1, &phone(21));
    second
        .contact
        .insert("notice_number".to_owned(), "ab12345678".to_owned());
    let refused = app.book(&second, None).await;
    assert_eq!(
        problem(refused).await.code,
        ErrorCode::TooManyActiveReservations
    );
    let mut missing = booking(later, "09:00", 1, &phone(22));
    missing.contact.remove("notice_number");
    let missing = app.book(&missing, None).await;
    assert_eq!(
        problem(missing).await.errors[0].field,
        "contact.notice_number"
    );
}

/// Adds a required card notice number (交付通知書番号) to the city's contact form.
async fn require_notice_number(app: &TestApp, city: &str) {
    let mut form: Vec<FormField> = app
        .get("/api/v1/form-fields")
        .await
        .json()
        .await
        .expect("json");
    form.push(FormField {
        key: "notice_number".to_owned(),
        label_ja: "交付通知書番号".to_owned(),
        label_en: "Card notice number".to_owned(),
        kind: FieldKind::Text,
        required: true,
    });
    let saved = app
        .send_json(Method::PUT, "/api/v1/form-fields", Some(city), &form)
        .await;
    assert_eq!(saved.status(), 200);
}

/// The same card notice number, written the ways people type it.
const NOTICE_NUMBER_SPELLINGS: [&str; 5] = [
    "AB-1234 5678",
    "ab12345678",
    "ＡＢ１２３４５６７８",
    "ＡＢ－１２３４　５６７８",
    "ａｂ‐１２３４ー５６７８",
];

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_person_gets_one_booking_when_twenty_arrive_at_once_with_their_notice_number_typed_five_ways(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    require_notice_number(&app, &city).await;
    let days = app.office_days(7, 4);
    let attempts = (0..20).map(|n| {
        let mut body = booking(days[n % 4], "09:00", 1, &phone(300 + n));
        body.contact.insert(
            "notice_number".to_owned(),
            NOTICE_NUMBER_SPELLINGS[n % 5].to_owned(),
        );
        let app = &app;
        async move { app.book(&body, None).await }
    });
    let responses = futures::future::join_all(attempts).await;
    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|status| **status == 201).count(),
        1,
        "exactly one booking per person: {statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|status| **status == 409).count(),
        19,
        "the rest are told they already have one: {statuses:?}"
    );
    for response in responses.into_iter().filter(|r| r.status() == 409) {
        assert_eq!(
            problem(response).await.code,
            ErrorCode::TooManyActiveReservations
        );
    }
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_phone_number_gets_one_booking_when_ten_arrive_at_once(#[case] db: Db) {
    let app = spawn_app(db).await;
    let days = app.office_days(7, 2);
    let spellings = [
        "090-1234-5678",
        "09012345678",
        "０９０－１２３４－５６７８",
        "090 1234 5678",
    ];
    let attempts = (0..10).map(|n| {
        let mut body = booking(days[n % 2], "10:00", 1, &phone(400 + n));
        body.contact.insert(
            "phone".to_owned(),
            spellings[n % spellings.len()].to_owned(),
        );
        let app = &app;
        async move { app.book(&body, None).await.status().as_u16() }
    });
    let statuses = futures::future::join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|status| **status == 201).count(),
        1,
        "{statuses:?}"
    );
}
