//! Staff security (issue 13, R7.6, R13.1): revocable sessions, two-factor sign-in, step-up
//! for sensitive actions, the audit trail, the export permission, retention, the last
//! administrator, cancelled citizen links, and the security headers.

use madoguchi_backend::auth::totp;
use madoguchi_backend::db::{inquiry, outbox, reservation};
use madoguchi_backend::jobs;
use madoguchi_shared::dto::audit::{AuditAction, AuditEntry, AuditOutcome};
use madoguchi_shared::dto::auth::{
    ConfirmTwoFactorRequest, LoginResponse, TwoFactorEnabled, TwoFactorSetup,
};
use madoguchi_shared::dto::inquiry::{InquiryCategory, InquiryOutcome};
use madoguchi_shared::dto::notice::NoticeKind;
use madoguchi_shared::dto::reservation::ReservationWithAccess;
use madoguchi_shared::dto::staff::{CreateStaffRequest, StaffRole};
use madoguchi_shared::error::ErrorCode;
use reqwest::Method;
use rstest::rstest;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::helpers::{
    Db, TEST_PASSWORD, TestApp, booking, disabling, inquiry as logged_call, notice,
    password_change, phone, problem, role_change, spawn_app, spawn_app_with, step_up_with,
};

async fn session(response: reqwest::Response) -> LoginResponse {
    assert_eq!(response.status(), 200, "signed in");
    response.json().await.expect("login body")
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_signing_out_and_disabling_end_every_earlier_token_of_the_account(#[case] db: Db) {
    let app = spawn_app(db).await;
    let login_id = app.create_staff(StaffRole::Operator).await;
    let desk = session(app.login(&login_id, TEST_PASSWORD).await).await;
    let laptop = session(app.login(&login_id, TEST_PASSWORD).await).await;
    let signed_out = app
        .send(
            Method::POST,
            "/api/v1/auth/logout",
            Some(&desk.access_token),
            None,
        )
        .await;
    assert_eq!(signed_out.status(), 204);
    for token in [&desk.access_token, &laptop.access_token] {
        assert_eq!(
            app.get_as("/api/v1/auth/me", token).await.status(),
            401,
            "signing out ends the account's sessions on every device"
        );
    }

    let again = session(app.login(&login_id, TEST_PASSWORD).await).await;
    assert_eq!(
        app.get_as("/api/v1/auth/me", &again.access_token)
            .await
            .status(),
        200
    );
    let admin = app.signed_in(StaffRole::CityAdmin).await;
    let disabled = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/staff/{}", again.staff.id),
            Some(&admin.token),
            &disabling(),
        )
        .await;
    assert_eq!(disabled.status(), 200);
    assert_eq!(
        app.get_as("/api/v1/auth/me", &again.access_token)
            .await
            .status(),
        401
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_city_roles_must_set_up_two_factor_sign_in_and_then_sign_in_with_a_code(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let login_id = app.create_staff(StaffRole::CityStaff).await;
    let limited = session(app.login(&login_id, TEST_PASSWORD).await).await;
    assert!(limited.two_factor_setup_required);
    let elsewhere = app
        .get_as("/api/v1/reservations", &limited.access_token)
        .await;
    assert_eq!(elsewhere.status(), 403);
    assert_eq!(
        problem(elsewhere).await.code,
        ErrorCode::TwoFactorSetupRequired
    );
    assert_eq!(
        app.get_as("/api/v1/auth/me", &limited.access_token)
            .await
            .status(),
        200,
        "the member sees who they are while setting up"
    );

    let setup: TwoFactorSetup = app
        .send(
            Method::POST,
            "/api/v1/auth/two-factor/setup",
            Some(&limited.access_token),
            None,
        )
        .await
        .json()
        .await
        .expect("setup");
    assert!(setup.otpauth_uri.starts_with("otpauth://totp/"));
    assert!(setup.otpauth_uri.contains("issuer="));
    assert!(setup.qr_svg.contains("<svg"), "a QR code to scan");
    let wrong = app
        .send_json(
            Method::POST,
            "/api/v1/auth/two-factor/confirm",
            Some(&limited.access_token),
            &ConfirmTwoFactorRequest {
                code: "000000".to_owned(),
            },
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(problem(wrong).await.errors[0].field, "code");
    let code = totp::code_at(&setup.secret, app.now()).expect("code");
    let enabled: TwoFactorEnabled = app
        .send_json(
            Method::POST,
            "/api/v1/auth/two-factor/confirm",
            Some(&limited.access_token),
            &ConfirmTwoFactorRequest { code },
        )
        .await
        .json()
        .await
        .expect("enabled");
    assert_eq!(enabled.recovery_codes.len(), 10);
    assert!(!enabled.session.two_factor_setup_required);
    assert_eq!(
        app.get_as("/api/v1/auth/me", &limited.access_token)
            .await
            .status(),
        401,
        "the set-up session ended"
    );
    assert_eq!(
        app.get_as("/api/v1/reservations", &enabled.session.access_token)
            .await
            .status(),
        200
    );

    // From now on: the password alone asks for the code; a wrong code is like a wrong
    // password; a right one signs in, once.
    let no_code = app.login(&login_id, TEST_PASSWORD).await;
    assert_eq!(no_code.status(), 401);
    assert_eq!(problem(no_code).await.code, ErrorCode::SecondFactorRequired);
    let wrong_password = app
        .login_with_code(&login_id, "not the password", None)
        .await;
    assert_eq!(
        problem(wrong_password).await.code,
        ErrorCode::InvalidCredentials,
        "a wrong password never asks for the code"
    );
    app.clock.advance(chrono::TimeDelta::seconds(30));
    let code = totp::code_at(&setup.secret, app.now()).expect("code");
    let wrong_code = app
        .login_with_code(&login_id, TEST_PASSWORD, Some("123456"))
        .await;
    assert_eq!(
        problem(wrong_code).await.code,
        ErrorCode::InvalidCredentials
    );
    let signed_in = session(
        app.login_with_code(&login_id, TEST_PASSWORD, Some(&code))
            .await,
    )
    .await;
    assert!(!signed_in.two_factor_setup_required);
    let replayed = app
        .login_with_code(&login_id, TEST_PASSWORD, Some(&code))
        .await;
    assert_eq!(replayed.status(), 401, "a used code is not accepted again");

    // A recovery code works once.
    let recovery = &enabled.recovery_codes[0];
    session(
        app.login_with_code(&login_id, TEST_PASSWORD, Some(recovery))
            .await,
    )
    .await;
    assert_eq!(
        app.login_with_code(&login_id, TEST_PASSWORD, Some(recovery))
            .await
            .status(),
        401
    );

    // A lost phone: an administrator resets it, after a step-up; the member sets it up
    // again at the next sign-in.
    let admin = app.signed_in(StaffRole::CityAdmin).await;
    let reset_path = format!("/api/v1/staff/{}/two-factor", signed_in.staff.id);
    let unconfirmed = app
        .send(Method::DELETE, &reset_path, Some(&admin.token), None)
        .await;
    assert_eq!(problem(unconfirmed).await.code, ErrorCode::StepUpRequired);
    app.step_up(&admin.token, admin.secret.as_deref()).await;
    let reset = app
        .send(Method::DELETE, &reset_path, Some(&admin.token), None)
        .await;
    assert_eq!(reset.status(), 204);
    assert_eq!(
        app.get_as("/api/v1/auth/me", &signed_in.access_token)
            .await
            .status(),
        401
    );
    let after_reset = session(app.login(&login_id, TEST_PASSWORD).await).await;
    assert!(after_reset.two_factor_setup_required);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn r7_6_a_city_that_authenticates_elsewhere_turns_two_factor_off_by_role(#[case] db: Db) {
    let app = spawn_app_with(db, &[("MADOGUCHI_TWO_FACTOR_ROLES", "none")]).await;
    let member = app.signed_in(StaffRole::CityAdmin).await;
    assert!(member.secret.is_none());
    assert_eq!(
        app.get_as("/api/v1/staff", &member.token).await.status(),
        200
    );
    let operators_too = spawn_app_with(db, &[("MADOGUCHI_TWO_FACTOR_ROLES", "operator")]).await;
    assert!(
        operators_too
            .signed_in(StaffRole::Operator)
            .await
            .secret
            .is_some()
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_creating_an_administrator_needs_a_step_up_that_lapses_after_five_minutes(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let admin = app.signed_in(StaffRole::CityAdmin).await;
    let new_admin = |login_id: &str| CreateStaffRequest {
        login_id: login_id.to_owned(),
        display_name: "管理者 二".to_owned(),
        role: StaffRole::CityAdmin,
        password: "a long enough password".to_owned(),
    };
    let create = |body: CreateStaffRequest| {
        let (app, token) = (&app, admin.token.clone());
        async move {
            app.send_json(Method::POST, "/api/v1/staff", Some(&token), &body)
                .await
        }
    };
    let refused = create(new_admin("admin-two")).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(problem(refused).await.code, ErrorCode::StepUpRequired);
    let operator = create(CreateStaffRequest {
        login_id: "operator-two".to_owned(),
        display_name: "受付 二".to_owned(),
        role: StaffRole::Operator,
        password: "a long enough password".to_owned(),
    })
    .await;
    assert_eq!(operator.status(), 201, "other accounts need no step-up");

    // Promoting an account to administrator is creating one.
    let operator: madoguchi_shared::dto::staff::StaffAccount =
        operator.json().await.expect("account");
    let promote = |token: String| {
        let (app, id) = (&app, operator.id);
        async move {
            app.send_json(
                Method::PATCH,
                &format!("/api/v1/staff/{id}"),
                Some(&token),
                &role_change(StaffRole::CityAdmin),
            )
            .await
        }
    };
    let promoted = promote(admin.token.clone()).await;
    assert_eq!(problem(promoted).await.code, ErrorCode::StepUpRequired);

    let wrong = app
        .send_json(
            Method::POST,
            "/api/v1/auth/step-up",
            Some(&admin.token),
            &step_up_with("not it"),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    app.step_up(&admin.token, admin.secret.as_deref()).await;
    assert_eq!(create(new_admin("admin-two")).await.status(), 201);
    assert_eq!(promote(admin.token.clone()).await.status(), 200);
    app.clock.advance(chrono::TimeDelta::seconds(301));
    let lapsed = create(new_admin("admin-three")).await;
    assert_eq!(problem(lapsed).await.code, ErrorCode::StepUpRequired);
}

async fn audit(app: &TestApp, token: &str, query: &str) -> Vec<AuditEntry> {
    let response = app.get_as(&format!("/api/v1/audit{query}"), token).await;
    assert_eq!(response.status(), 200, "audit {query}");
    response.json().await.expect("entries")
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r13_1_the_audit_trail_records_sign_ins_reads_exports_and_changes_for_administrators(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let booked: ReservationWithAccess = app
        .book(&booking(day, "09:00", 1, &phone(1)), None)
        .await
        .json()
        .await
        .expect("booked");
    let number = booked.reservation.number.clone();
    let supervisor_login = app.create_staff(StaffRole::CallCenterSupervisor).await;
    assert_eq!(
        app.login(&supervisor_login, "a wrong guess").await.status(),
        401
    );
    let supervisor = session(app.login(&supervisor_login, TEST_PASSWORD).await)
        .await
        .access_token;
    let searched = app
        .get_as("/api/v1/reservations?name=%E5%BB%BF%E6%97%A5", &supervisor)
        .await;
    assert_eq!(searched.status(), 200);
    assert_eq!(
        app.get_as(&format!("/api/v1/reservations/{number}"), &supervisor)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get_as(
            &format!("/api/v1/reservations/export?format=csv&date={day}"),
            &supervisor
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        app.get_as(
            &format!("/api/v1/reservations/day-sheet?location_id=1&date={day}"),
            &supervisor
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        app.get_as(
            &format!("/api/v1/reservations/{number}/history"),
            &supervisor
        )
        .await
        .status(),
        200
    );
    let city = app.token_for(StaffRole::CityStaff).await;
    let notice = app
        .send_json(
            Method::POST,
            "/api/v1/notices",
            Some(&city),
            &notice(NoticeKind::Notice, "お知らせ", app.now()),
        )
        .await;
    assert_eq!(notice.status(), 201);

    let admin = app.signed_in(StaffRole::CityAdmin).await;
    let operator = app.token_for(StaffRole::Operator).await;
    assert_eq!(
        app.get_as("/api/v1/audit", &operator).await.status(),
        403,
        "only city administrators read the trail"
    );
    assert_eq!(app.get_as("/api/v1/audit", &city).await.status(), 403);

    let all = audit(&app, &admin.token, "").await;
    let of = |action: AuditAction| -> Vec<&AuditEntry> {
        all.iter().filter(|entry| entry.action == action).collect()
    };
    let sign_ins = of(AuditAction::SignIn);
    assert!(sign_ins.iter().any(|entry| {
        entry.outcome == AuditOutcome::Refused
            && entry.login_id.as_deref() == Some(supervisor_login.as_str())
            && entry.client.as_deref() == Some("127.0.0.1")
    }));
    assert!(
        sign_ins
            .iter()
            .any(|entry| entry.outcome == AuditOutcome::Ok
                && entry.login_id.as_deref() == Some(supervisor_login.as_str()))
    );
    let search = of(AuditAction::ReservationSearch);
    assert_eq!(search.len(), 1);
    let detail = search[0].detail.as_ref().expect("detail");
    assert_eq!(detail["rows"], json!(1));
    assert_eq!(detail["filter"]["name"], json!("廿日"));
    assert_eq!(
        of(AuditAction::ReservationOpen)[0].target.as_deref(),
        Some(number.as_str())
    );
    let export = of(AuditAction::ReservationExport);
    assert_eq!(export.len(), 1);
    assert_eq!(export[0].detail.as_ref().expect("detail")["rows"], json!(1));
    assert_eq!(
        export[0].login_id.as_deref(),
        Some(supervisor_login.as_str())
    );
    assert_eq!(of(AuditAction::ReservationDaySheet).len(), 1);
    assert_eq!(of(AuditAction::HistoryView).len(), 1);
    let settings = of(AuditAction::SettingsChange);
    assert_eq!(settings.len(), 1);
    assert_eq!(settings[0].target.as_deref(), Some("POST /api/v1/notices"));
    assert!(!of(AuditAction::TwoFactorEnable).is_empty());

    // Filters, and the CSV.
    let refused = audit(&app, &admin.token, "?refused_only=true").await;
    assert!(
        refused
            .iter()
            .all(|entry| entry.outcome == AuditOutcome::Refused)
    );
    assert!(!refused.is_empty());
    let by_member = audit(
        &app,
        &admin.token,
        &format!("?login_id={supervisor_login}&action=reservation.export"),
    )
    .await;
    assert_eq!(by_member.len(), 1);
    let unknown = app
        .get_as("/api/v1/audit?action=reservation.eat", &admin.token)
        .await;
    assert_eq!(problem(unknown).await.errors[0].field, "action");
    let csv = app
        .get_as(
            "/api/v1/audit/export?action=reservation.export",
            &admin.token,
        )
        .await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/csv")
    );
    let csv = csv.text().await.expect("text");
    assert!(csv.starts_with('\u{FEFF}'));
    assert!(csv.contains("reservation.export") && csv.contains(&supervisor_login));
    assert!(
        audit(&app, &admin.token, "?action=audit.view").await.len() >= 3,
        "reading the trail is in the trail"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r13_1_bulk_export_is_a_permission_the_city_may_grant_to_operators(#[case] db: Db) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let path = format!("/api/v1/reservations/export?format=csv&date={day}");
    let operator = app.token_for(StaffRole::Operator).await;
    let refused = app.get_as(&path, &operator).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(problem(refused).await.code, ErrorCode::Forbidden);
    let supervisor = app.token_for(StaffRole::CallCenterSupervisor).await;
    assert_eq!(app.get_as(&path, &supervisor).await.status(), 200);

    let granted = spawn_app_with(
        db,
        &[(
            "MADOGUCHI_EXPORT_ROLES",
            "operator,call_center_supervisor,city_staff,city_admin",
        )],
    )
    .await;
    let operator = granted.token_for(StaffRole::Operator).await;
    assert_eq!(granted.get_as(&path, &operator).await.status(), 200);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r13_retention_clears_inquiry_summaries_unsent_mails_fingerprints_and_old_audit_events(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let operator = app.token_for(StaffRole::Operator).await;
    let booked = app
        .client
        .post(app.url("/api/v1/reservations"))
        .header("Idempotency-Key", "retention-key-1")
        .json(&booking(day, "09:00", 1, &phone(1)))
        .send()
        .await
        .expect("sent");
    assert_eq!(booked.status(), 201);
    let logged = app
        .send_json(
            Method::POST,
            "/api/v1/inquiries",
            Some(&operator),
            &logged_call(
                InquiryCategory::Booking,
                "廿日 太郎さん 090-0000-0001 折り返し希望",
                InquiryOutcome::Resolved,
            ),
        )
        .await;
    assert_eq!(logged.status(), 201);
    assert!(
        outbox::Entity::find().count(&app.db).await.expect("count") > 0,
        "a booking mail waits in the outbox (no mail worker runs here)"
    );

    // 400 days later, at 04:00 Japan time, the retention job runs.
    let later = app.now() + chrono::TimeDelta::days(400);
    let at_four = later
        .with_timezone(&madoguchi_shared::time::japan())
        .date_naive()
        .and_hms_opt(4, 0, 0)
        .expect("04:00")
        .and_local_timezone(madoguchi_shared::time::japan())
        .single()
        .expect("Japan time")
        .with_timezone(&chrono::Utc);
    app.clock.set(at_four);
    let schedule = jobs::Schedule {
        reminder_time: chrono::NaiveTime::from_hms_opt(10, 0, 0).expect("10:00"),
        retention_days: 365,
        audit_retention_days: 30,
    };
    let ran = jobs::run_due(&app.db, &app.clock, &app.notifier(), schedule).await;
    let retention = ran
        .into_iter()
        .find(|(job, _)| *job == "retention")
        .expect("retention ran");
    assert!(retention.1.is_ok(), "{:?}", retention.1);

    let inquiries = inquiry::Entity::find().all(&app.db).await.expect("rows");
    assert_eq!(inquiries.len(), 1, "the inquiry still counts in reports");
    assert_eq!(inquiries[0].summary, "—");
    assert_eq!(
        outbox::Entity::find().count(&app.db).await.expect("count"),
        0,
        "unsent mails go too"
    );
    let row = reservation::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.idempotency_key, None);
    assert_eq!(row.request_fingerprint, None);
    assert_eq!(row.email, None);
    assert_eq!(
        madoguchi_backend::db::audit_event::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0,
        "sign-ins older than the audit retention are gone"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_the_last_administrator_stays_even_when_two_demote_each_other_at_once(#[case] db: Db) {
    let app = spawn_app(db).await;
    let first = app.signed_in(StaffRole::CityAdmin).await;
    let second = app.signed_in(StaffRole::CityAdmin).await;
    let demote = |by: &str, whom: i64| {
        let (app, by) = (&app, by.to_owned());
        async move {
            app.send_json(
                Method::PATCH,
                &format!("/api/v1/staff/{whom}"),
                Some(&by),
                &role_change(StaffRole::Operator),
            )
            .await
            .status()
            .as_u16()
        }
    };
    let (one, two) = tokio::join!(
        demote(&first.token, second.id),
        demote(&second.token, first.id)
    );
    let mut answers = [one, two];
    answers.sort_unstable();
    assert!(
        answers == [200, 401] || answers == [200, 422],
        "exactly one demotion goes through: {answers:?}"
    );
    let admins = madoguchi_backend::db::staff_account::Entity::find()
        .all(&app.db)
        .await
        .expect("rows")
        .into_iter()
        .filter(|account| account.role == "city_admin" && !account.disabled)
        .count();
    assert_eq!(admins, 1);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_a_cancelled_reservations_citizen_link_opens_nothing_any_more(#[case] db: Db) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let booked: ReservationWithAccess = app
        .book(&booking(day, "09:00", 1, &phone(1)), None)
        .await
        .json()
        .await
        .expect("booked");
    let path = format!("/api/v1/reservations/{}", booked.reservation.number);
    assert_eq!(app.get_as(&path, &booked.access_token).await.status(), 200);
    let cancelled = app
        .send(
            Method::POST,
            &format!("{path}/cancel"),
            Some(&booked.access_token),
            None,
        )
        .await;
    assert_eq!(cancelled.status(), 200);
    let opened = app.get_as(&path, &booked.access_token).await;
    assert_eq!(opened.status(), 404);
    assert_eq!(problem(opened).await.code, ErrorCode::NotFound);
    let operator = app.token_for(StaffRole::Operator).await;
    assert_eq!(
        app.get_as(&path, &operator).await.status(),
        200,
        "staff still see the cancelled booking"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn r7_6_https_servers_send_hsts_every_answer_a_permissions_policy_and_the_docs_can_be_off(
    #[case] db: Db,
) {
    let plain = spawn_app(db).await;
    let answer = plain.get("/healthz").await;
    assert!(answer.headers().get("strict-transport-security").is_none());
    assert!(
        answer.headers()["permissions-policy"]
            .to_str()
            .expect("ascii")
            .contains("camera=()")
    );
    let docs = plain.get("/api/docs/").await;
    assert_eq!(docs.status(), 200);
    assert!(
        docs.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains("script-src 'self'"),
        "the API docs run under the same policy"
    );

    let https = spawn_app_with(
        db,
        &[("MADOGUCHI_PUBLIC_URL", "https://madoguchi.city.example.jp")],
    )
    .await;
    let answer = https.get("/healthz").await;
    assert!(
        answer.headers()["strict-transport-security"]
            .to_str()
            .expect("ascii")
            .starts_with("max-age=")
    );

    let closed = spawn_app_with(db, &[("MADOGUCHI_API_DOCS", "false")]).await;
    assert_eq!(closed.get("/api/docs/").await.status(), 404);
    let spec = closed.get("/api/openapi.json").await;
    assert_eq!(spec.status(), 200);
    let spec: serde_json::Value = spec.json().await.expect("json");
    assert!(spec["paths"]["/api/v1/auth/login"].is_object());
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_a_stolen_session_cannot_guess_the_password_through_step_up_or_a_password_change(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let member = app.signed_in(StaffRole::Operator).await;
    for attempt in 1..=10 {
        let wrong = app
            .send_json(
                Method::POST,
                "/api/v1/auth/step-up",
                Some(&member.token),
                &step_up_with(&format!("guess {attempt}")),
            )
            .await;
        assert_eq!(wrong.status(), 422, "attempt {attempt}");
    }
    let eleventh = app
        .send_json(
            Method::POST,
            "/api/v1/auth/step-up",
            Some(&member.token),
            &step_up_with(TEST_PASSWORD),
        )
        .await;
    assert_eq!(eleventh.status(), 429);
    assert!(eleventh.headers().contains_key("retry-after"));
    let change = app
        .send_json(
            Method::POST,
            "/api/v1/auth/password",
            Some(&member.token),
            &password_change(TEST_PASSWORD, "a brand new passphrase"),
        )
        .await;
    assert_eq!(
        change.status(),
        429,
        "the password change checks the same allowance"
    );
    app.clock.advance(chrono::TimeDelta::minutes(16));
    app.step_up(&member.token, member.secret.as_deref()).await;
}
