//! The inquiry log (R5.6, R5.7): operators log their calls, supervisors read them all.

use madoguchi_shared::dto::inquiry::{
    CreateInquiryRequest, Inquiry, InquiryCategory, InquiryOutcome,
};
use madoguchi_shared::dto::report::Report;
use madoguchi_shared::dto::staff::StaffRole;
use reqwest::Method;
use rstest::rstest;
use serde_json::json;

use crate::helpers::{Db, inquiry, problem, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r5_6_operators_log_calls_and_supervisors_list_and_filter_them(#[case] db: Db) {
    let app = spawn_app(db).await;
    let first = app.token_for(StaffRole::Operator).await;
    let second = app.token_for(StaffRole::Operator).await;
    let supervisor = app.token_for(StaffRole::CallCenterSupervisor).await;
    let log = |token: &str, body: CreateInquiryRequest| {
        let (app, token) = (&app, token.to_owned());
        async move {
            app.send_json(Method::POST, "/api/v1/inquiries", Some(&token), &body)
                .await
        }
    };
    let created = log(
        &first,
        CreateInquiryRequest {
            reservation_number: Some("ack7 9wxy".to_owned()),
            ..inquiry(
                InquiryCategory::Booking,
                "家族2人の予約",
                InquiryOutcome::Resolved,
            )
        },
    )
    .await;
    assert_eq!(created.status(), 201);
    let created: Inquiry = created.json().await.expect("inquiry");
    assert_eq!(created.reservation_number.as_deref(), Some("ACK7-9WXY"));
    assert_eq!(created.staff_name, "Test operator");
    log(
        &first,
        inquiry(
            InquiryCategory::Complaint,
            "待ち時間が長い",
            InquiryOutcome::HandedToCity,
        ),
    )
    .await;
    log(
        &second,
        inquiry(
            InquiryCategory::Question,
            "持参物の確認",
            InquiryOutcome::Resolved,
        ),
    )
    .await;

    let list = |token: &str, query: &str| {
        let (app, token, query) = (&app, token.to_owned(), query.to_owned());
        async move {
            let found: Vec<Inquiry> = app
                .get_as(&format!("/api/v1/inquiries{query}"), &token)
                .await
                .json()
                .await
                .expect("list");
            found
        }
    };
    assert_eq!(
        list(&first, "").await.len(),
        2,
        "an operator sees their own calls"
    );
    assert_eq!(list(&second, "").await.len(), 1);
    assert_eq!(
        list(&supervisor, "").await.len(),
        3,
        "R5.7: the supervisor sees all"
    );
    let complaints = list(&supervisor, "?category=complaint").await;
    assert_eq!(complaints.len(), 1);
    assert_eq!(complaints[0].category, InquiryCategory::Complaint);
    assert_eq!(
        list(&supervisor, "?reservation_number=ACK79WXY")
            .await
            .len(),
        1
    );
    assert_eq!(
        list(&supervisor, &format!("?staff_id={}", created.staff_id))
            .await
            .len(),
        2
    );
    assert!(
        list(&supervisor, "?from=2020-01-01&to=2020-01-31")
            .await
            .is_empty()
    );

    // Counted by category in the day's report.
    let today = app.today();
    let report: Report = app
        .get_as(&format!("/api/v1/reports/daily?date={today}"), &supervisor)
        .await
        .json()
        .await
        .expect("report");
    let count = |category: InquiryCategory| {
        report
            .inquiries
            .iter()
            .find(|c| c.category == category)
            .map(|c| c.count)
    };
    assert_eq!(count(InquiryCategory::Booking), Some(1));
    assert_eq!(count(InquiryCategory::Complaint), Some(1));
    assert_eq!(count(InquiryCategory::Other), Some(0));
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn r5_6_a_call_without_summary_or_with_a_bad_number_is_refused_with_its_fields(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let operator = app.token_for(StaffRole::Operator).await;
    let refused = app
        .send_json(
            Method::POST,
            "/api/v1/inquiries",
            Some(&operator),
            &CreateInquiryRequest {
                reservation_number: Some("12".to_owned()),
                ..inquiry(InquiryCategory::Other, "  ", InquiryOutcome::Resolved)
            },
        )
        .await;
    assert_eq!(refused.status(), 422);
    let fields: Vec<String> = problem(refused)
        .await
        .errors
        .into_iter()
        .map(|error| error.field)
        .collect();
    assert_eq!(fields, ["summary", "reservation_number"]);
    let future = app
        .send_json(
            Method::POST,
            "/api/v1/inquiries",
            Some(&operator),
            &CreateInquiryRequest {
                received_at: Some("2999-01-01T00:00:00Z".parse().expect("an instant")),
                ..inquiry(InquiryCategory::Other, "x", InquiryOutcome::Resolved)
            },
        )
        .await;
    assert_eq!(future.status(), 422);
    let unknown = app
        .send(
            Method::POST,
            "/api/v1/inquiries",
            Some(&operator),
            // Raw JSON: no category of the shared type spells this.
            Some(&json!({"category": "gossip", "summary": "x", "outcome": "resolved"})),
        )
        .await;
    assert_eq!(
        unknown.status(),
        400,
        "an unknown category is a malformed body"
    );
    let none: Vec<Inquiry> = app
        .get_as("/api/v1/inquiries", &operator)
        .await
        .json()
        .await
        .expect("list");
    assert!(none.is_empty(), "nothing half-written");
}
