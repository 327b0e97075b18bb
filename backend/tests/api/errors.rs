//! Every failure is an RFC 9457 problem with a stable code, never HTML or a panic.

use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::{ErrorCode, FieldErrorCode};
use rstest::rstest;

use crate::helpers::{Db, jigozen_office, problem, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn unknown_routes_get_a_not_found_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    for path in ["/api/v1/no-such-thing", "/api/nothing", "/not-a-page"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(problem(response).await.code, ErrorCode::NotFound, "{path}");
    }
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn a_wrong_method_gets_a_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app.get("/api/v1/auth/login").await;
    assert!(response.status().is_client_error());
    let problem = problem(response).await;
    assert!(matches!(
        problem.code,
        ErrorCode::NotFound | ErrorCode::MethodNotAllowed
    ));
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn broken_json_gets_a_malformed_body_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"login_id\": ")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    assert_eq!(problem(response).await.code, ErrorCode::MalformedBody);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn json_of_the_wrong_shape_gets_a_malformed_body_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app
        .post_json("/api/v1/auth/login", &serde_json::json!({"login_id": 42}))
        .await;
    assert_eq!(response.status(), 400);
    let problem = problem(response).await;
    assert_eq!(problem.code, ErrorCode::MalformedBody);
    assert!(
        problem.detail.unwrap_or_default().contains("expected"),
        "the detail says what is wrong"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn a_wrong_content_type_gets_an_unsupported_media_type_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body("login_id=admin")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 415);
    assert_eq!(
        problem(response).await.code,
        ErrorCode::UnsupportedMediaType
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn an_oversized_body_gets_a_payload_too_large_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let huge = format!(
        "{{\"login_id\":\"admin\",\"password\":\"{}\"}}",
        "x".repeat(madoguchi_backend::api::input_guard::JSON_BODY_LIMIT + 1)
    );
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 413);
    assert_eq!(problem(response).await.code, ErrorCode::PayloadTooLarge);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn a_malformed_query_gets_a_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app.get("/api/v1/calendar?from=26th-of-November").await;
    assert_eq!(response.status(), 400);
    assert_eq!(problem(response).await.code, ErrorCode::MalformedBody);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn invalid_fields_are_listed_in_a_validation_problem(#[case] db: Db) {
    let app = spawn_app(db).await;
    let token = app.token_for(StaffRole::CityAdmin).await;
    let response = app
        .client
        .post(app.url("/api/v1/staff"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "login_id": "NO SPACES",
            "display_name": "",
            "role": "operator",
            "password": "short"
        }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 422);
    let problem = problem(response).await;
    assert_eq!(problem.code, ErrorCode::ValidationFailed);
    let fields: Vec<_> = problem
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("login_id", FieldErrorCode::InvalidFormat),
            ("display_name", FieldErrorCode::Required),
            ("password", FieldErrorCode::TooShort)
        ]
    );
}

/// A hostile value in a request, and the field the refusal must name.
struct Hostile {
    method: reqwest::Method,
    path: String,
    body: Option<serde_json::Value>,
    field: &'static str,
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn nul_and_control_characters_dates_out_of_range_and_overlong_values_get_422_naming_the_field(
    #[case] db: Db,
) {
    use crate::helpers::{MAIN_OFFICE, booking, phone};
    use reqwest::Method;
    let app = spawn_app(db).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let day = app.office_day(7);
    // Each starts as a valid booking, then gets one hostile value as raw JSON.
    let valid = |n: usize| {
        serde_json::to_value(booking(day, "09:00", 1, &phone(n))).expect("a booking as JSON")
    };
    let mut nul_member = valid(1);
    nul_member["members"][0]["name"] = "廿日\u{0}太郎".into();
    let mut bell_contact = valid(2);
    bell_contact["contact"]["name"] = "廿日\u{7}太郎".into();
    let mut newline_member = valid(3);
    newline_member["members"][0]["name"] = "廿日\n太郎".into();
    let mut ancient = valid(4);
    ancient["date"] = "-5000-01-01".into();
    let mut far_future = valid(5);
    far_future["date"] = "+200000-01-01".into();
    let long_name = "長".repeat(65);
    let cases = [
        Hostile {
            method: Method::POST,
            path: "/api/v1/reservations".to_owned(),
            body: Some(nul_member),
            field: "members[0].name",
        },
        Hostile {
            method: Method::POST,
            path: "/api/v1/reservations".to_owned(),
            body: Some(bell_contact),
            field: "contact.name",
        },
        Hostile {
            method: Method::POST,
            path: "/api/v1/reservations".to_owned(),
            body: Some(newline_member),
            field: "members[0].name",
        },
        Hostile {
            method: Method::POST,
            path: "/api/v1/reservations".to_owned(),
            body: Some(ancient),
            field: "date",
        },
        Hostile {
            method: Method::POST,
            path: "/api/v1/reservations".to_owned(),
            body: Some(far_future),
            field: "date",
        },
        Hostile {
            method: Method::POST,
            path: "/api/v1/holds".to_owned(),
            body: Some(serde_json::json!({
                "location_id": MAIN_OFFICE, "date": "-0001-12-31", "start": "09:00", "seats": 1
            })),
            field: "date",
        },
        Hostile {
            method: Method::GET,
            path: "/api/v1/reservations?name=%E5%BB%BF%00".to_owned(),
            body: None,
            field: "name",
        },
        Hostile {
            method: Method::GET,
            path: "/api/v1/reservations?from=-4714-01-01".to_owned(),
            body: None,
            field: "from",
        },
        Hostile {
            method: Method::GET,
            path: "/api/v1/reports/daily?date=0900-01-01".to_owned(),
            body: None,
            field: "date",
        },
        Hostile {
            method: Method::POST,
            path: "/api/v1/auth/login".to_owned(),
            body: Some(serde_json::json!({"login_id": "admin\u{0}", "password": "x"})),
            field: "login_id",
        },
        Hostile {
            method: Method::POST,
            path: format!("/api/v1/locations/{MAIN_OFFICE}/templates"),
            body: Some(serde_json::json!({
                "name": long_name, "valid_from": day, "valid_to": null, "days": []
            })),
            field: "name",
        },
        Hostile {
            method: Method::POST,
            path: "/api/v1/notices".to_owned(),
            body: Some(serde_json::json!({
                "kind": "info", "title_ja": "お知らせ\u{1b}", "title_en": "", "body_ja": "",
                "body_en": "", "publish_from": "2026-01-01T00:00:00Z"
            })),
            field: "title_ja",
        },
    ];
    for case in cases {
        let response = app
            .send(
                case.method.clone(),
                &case.path,
                Some(&city),
                case.body.as_ref(),
            )
            .await;
        let status = response.status();
        let refused = problem(response).await;
        assert_eq!(
            (status.as_u16(), refused.code),
            (422, ErrorCode::ValidationFailed),
            "{} {}",
            case.method,
            case.path
        );
        assert!(
            refused.errors.iter().any(|error| error.field == case.field),
            "{} {}: {:?} should name {}",
            case.method,
            case.path,
            refused.errors,
            case.field
        );
    }
    // A path naming nothing storable names nothing.
    for path in [
        "/api/v1/holds/%00",
        &format!("/api/v1/locations/{MAIN_OFFICE}/availability/-5000-01-01"),
    ] {
        let response = app.send(Method::DELETE, path, None, None).await;
        assert!(
            response.status().is_client_error(),
            "{path}: {}",
            response.status()
        );
        problem(response).await;
    }
    assert_eq!(
        app.ledger_drift().await,
        Vec::<String>::new(),
        "nothing half-written"
    );
}

/// Issue 14: enum columns were read with silent fallbacks, so a status the server never
/// writes showed as "booked" (and a channel as the counter). Reading one back is checked.
#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_stored_status_the_server_never_writes_is_reported_not_shown_as_booked(#[case] db: Db) {
    use madoguchi_shared::dto::reservation::ReservationWithAccess;
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    let app = spawn_app(db).await;
    let day = app.office_day(3);
    app.open_band(day, "09:00", "09:30", 4, 0).await;
    let booked: ReservationWithAccess = app
        .book(
            &crate::helpers::booking(day, "09:00", 1, "090-1400-0001"),
            None,
        )
        .await
        .json()
        .await
        .expect("booked");
    let number = booked.reservation.number;
    let backend = app.db.get_database_backend();
    app.db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                DbBackend::Postgres => {
                    "UPDATE reservation SET status = 'archived' WHERE number = $1"
                }
                _ => "UPDATE reservation SET status = 'archived' WHERE number = ?",
            },
            [number.clone().into()],
        ))
        .await
        .expect("the row changed behind the server's back");

    let operator = app.token_for(StaffRole::Operator).await;
    let response = app
        .get_as(&format!("/api/v1/reservations/{number}"), &operator)
        .await;
    assert_eq!(response.status(), 500, "not shown as booked");
    assert_eq!(problem(response).await.code, ErrorCode::Internal);
}

/// A problem body as the client gets it: checked to be `application/problem+json`, then
/// every member, known to `Problem` or not, pretty-printed for a snapshot.
async fn problem_snapshot(response: reqwest::Response) -> String {
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: serde_json::Value = response.json().await.expect("a JSON body");
    serde_json::to_string_pretty(&body).expect("pretty JSON")
}

/// A pinned Monday, 10:00 in Japan, for the snapshots that book.
fn snapshot_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2027-02-01T10:00:00+09:00")
        .expect("an instant")
        .with_timezone(&chrono::Utc)
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_validation_problem_lists_each_refused_field_as_reviewed(#[case] db: Db) {
    use crate::helpers::{booking, spawn_app_at};
    let app = spawn_app_at(db, snapshot_now(), &[]).await;
    let mut body = booking(app.office_day(7), "09:00", 1, "12345");
    body.contact
        .insert("name_kana".to_owned(), "はつか".to_owned());
    body.contact.insert("birth_date".to_owned(), String::new());
    body.members[0].procedure_id = 999;
    let response = app.book(&body, None).await;
    assert_eq!(response.status(), 422);
    insta::assert_snapshot!(
        "validation_failed_problem",
        problem_snapshot(response).await
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_taken_code_is_an_already_exists_problem_as_reviewed(#[case] db: Db) {
    let app = spawn_app(db).await;
    let admin = app.token_for(StaffRole::CityAdmin).await;
    let location = jigozen_office();
    assert_eq!(app.add_location(&admin, &location).await.status(), 201);
    let again = app.add_location(&admin, &location).await;
    assert_eq!(again.status(), 409);
    insta::assert_snapshot!("already_exists_problem", problem_snapshot(again).await);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn an_unknown_route_is_a_not_found_problem_as_reviewed(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app.get("/api/v1/no-such-thing").await;
    assert_eq!(response.status(), 404);
    insta::assert_snapshot!("not_found_problem", problem_snapshot(response).await);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_staff_route_without_a_token_is_an_unauthorized_problem_as_reviewed(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app.get("/api/v1/auth/me").await;
    assert_eq!(response.status(), 401);
    insta::assert_snapshot!("unauthorized_problem", problem_snapshot(response).await);
}
