//! Lists and exports for the city (R7.4-イ, R5.5) and staff search (R5.2).

use madoguchi_shared::dto::reservation::{Reservation, ReservationWithAccess};
use madoguchi_shared::dto::staff::StaffRole;
use rstest::rstest;

use crate::helpers::{Db, MAIN_OFFICE, booking, phone, spawn_app_at, spawn_app_with};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r5_2_staff_find_reservations_by_phone_kana_name_number_and_day(#[case] db: Db) {
    let app = spawn_app_with(
        db,
        &[("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "0")],
    )
    .await;
    let operator = app.token_for(StaffRole::Operator).await;
    let day = app.office_day(7);
    let mut other = booking(day, "10:00", 1, &phone(2));
    other
        .contact
        .insert("name".to_owned(), "宮島 一郎".to_owned());
    other
        .contact
        .insert("name_kana".to_owned(), "ミヤジマ イチロウ".to_owned());
    let first: ReservationWithAccess = app
        .book(&booking(day, "09:00", 2, &phone(1)), None)
        .await
        .json()
        .await
        .expect("json");
    app.book(&other, None).await;

    let find = |query: String| {
        let app = &app;
        let operator = &operator;
        async move {
            let found: Vec<Reservation> = app
                .get_as(&format!("/api/v1/reservations?{query}"), operator)
                .await
                .json()
                .await
                .expect("json");
            found.into_iter().map(|r| r.number).collect::<Vec<_>>()
        }
    };
    assert_eq!(
        find(format!("phone={}", phone(1).replace('-', ""))).await,
        vec![first.reservation.number.clone()]
    );
    assert_eq!(find("kana=ミヤジマ".to_owned()).await.len(), 1);
    assert_eq!(
        find("name=廿日".to_owned()).await,
        vec![first.reservation.number.clone()]
    );
    assert_eq!(
        find(format!(
            "number={}",
            first.reservation.number.to_lowercase()
        ))
        .await
        .len(),
        1
    );
    assert_eq!(find(format!("date={day}")).await.len(), 2);
    assert_eq!(find(format!("date={day}&start=10:00")).await.len(), 1);
    assert_eq!(find(format!("date={day}&channel=phone")).await.len(), 0);
    assert_eq!(
        find("procedure_id=1&status=booked".to_owned()).await.len(),
        2
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_i_r5_5_csv_for_excel_xlsx_and_a_day_sheet_list_each_member(#[case] db: Db) {
    let app = spawn_app_with(
        db,
        &[("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "0")],
    )
    .await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let day = app.office_day(7);
    let created: ReservationWithAccess = app
        .book(&booking(day, "09:00", 2, &phone(1)), None)
        .await
        .json()
        .await
        .expect("json");
    let number = created.reservation.number;

    let csv = app
        .get_as(
            &format!("/api/v1/reservations/export?format=csv&date={day}"),
            &city,
        )
        .await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .contains("attachment")
    );
    let bytes = csv.bytes().await.expect("body");
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.split("\r\n").filter(|line| !line.is_empty()).collect();
    assert_eq!(lines.len(), 3, "a header and one row per member");
    assert!(lines[0].starts_with("\"予約番号\",\"状態\""));
    assert!(
        lines[1].contains(&number)
            && lines[1].contains("\"予約済\"")
            && lines[1].contains("\"家族 0\"")
    );
    assert!(lines[2].contains("\"家族 1\""));

    let xlsx = app
        .get_as(
            &format!("/api/v1/reservations/export?format=xlsx&date={day}"),
            &city,
        )
        .await;
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.expect("body");
    assert_eq!(&bytes[..2], b"PK", "an XLSX is a zip archive");

    let sheet = app
        .get_as(
            &format!("/api/v1/reservations/day-sheet?location_id={MAIN_OFFICE}&date={day}"),
            &city,
        )
        .await;
    assert_eq!(sheet.status(), 200);
    let html = sheet.text().await.expect("html");
    assert!(html.contains(&number) && html.contains("本庁 市民課") && html.contains("件数: 1"));
}

/// The CSV the city downloads, cell by cell, for a fixed day: a web party of two, a phone
/// booking and a cancelled one. The server's clock is pinned, so the dates and the booking
/// times (予約日時) are fixed; the reservation numbers, random, are replaced by their order
/// of booking. The same file on SQLite and PostgreSQL.
#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_4_i_r5_5_the_csv_export_reads_as_reviewed(#[case] db: Db) {
    let now = chrono::DateTime::parse_from_rfc3339("2027-02-01T10:00:00+09:00")
        .expect("an instant")
        .with_timezone(&chrono::Utc);
    let app = spawn_app_at(
        db,
        now,
        &[("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "0")],
    )
    .await;
    let operator = app.token_for(StaffRole::Operator).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let day = app.office_day(7);
    assert_eq!(
        day.to_string(),
        "2027-02-08",
        "a week after the pinned Monday"
    );

    let mut party = booking(day, "09:00", 2, &phone(1));
    party.members[1].procedure_id = 2;
    let mut by_phone = booking(day, "10:00", 1, &phone(2));
    by_phone.members[0].name = "宮島 一郎".to_owned();
    by_phone
        .contact
        .insert("name".to_owned(), "宮島 一郎".to_owned());
    by_phone
        .contact
        .insert("name_kana".to_owned(), "ミヤジマ イチロウ".to_owned());
    let cancelled = booking(day, "11:00", 1, &phone(3));
    let mut numbers = Vec::new();
    for (body, token) in [
        (&party, None),
        (&by_phone, Some(operator.as_str())),
        (&cancelled, None),
    ] {
        app.clock.advance(chrono::TimeDelta::minutes(7));
        let response = app.book(body, token).await;
        assert_eq!(response.status(), 201);
        let created: ReservationWithAccess = response.json().await.expect("json");
        numbers.push(created.reservation.number);
    }
    let cancel = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/reservations/{}/cancel", numbers[2]),
            Some(&city),
            None,
        )
        .await;
    assert_eq!(cancel.status(), 200);

    let csv = app
        .get_as(
            &format!("/api/v1/reservations/export?format=csv&date={day}"),
            &city,
        )
        .await;
    assert_eq!(csv.status(), 200);
    let bytes = csv.bytes().await.expect("body");
    let text = std::str::from_utf8(&bytes)
        .expect("utf-8")
        .strip_prefix('\u{feff}')
        .expect("a BOM for Excel");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends CRLF"
    );
    let mut text = text.replace("\r\n", "\n");
    for (n, number) in numbers.iter().enumerate() {
        assert!(text.contains(number.as_str()), "{number} is listed");
        text = text.replace(number.as_str(), &format!("<reservation {}>", n + 1));
    }
    insta::assert_snapshot!("reservation_export_csv", text);
}
