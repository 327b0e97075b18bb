//! Staff sign-in: tokens, wrong credentials, lock-out, disabled accounts.

use madoguchi_backend::db::staff_account;
use madoguchi_shared::dto::auth::{LoginRequest, LoginResponse};
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::dto::staff::{CreateStaffRequest, StaffAccount};
use madoguchi_shared::error::ErrorCode;
use rstest::rstest;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use crate::helpers::{Db, TEST_PASSWORD, problem, spawn_app, spawn_app_with};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn signing_in_gives_a_token_that_opens_the_staff_api(#[case] db: Db) {
    let app = spawn_app(db).await;
    let login_id = app.create_staff(StaffRole::Operator).await;
    let response = app.login(&login_id, TEST_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let session: LoginResponse = response.json().await.expect("json");
    assert_eq!(session.token_type, "Bearer");
    assert_eq!(session.expires_in, 3600);
    assert_eq!(session.staff.role, StaffRole::Operator);

    let me: StaffAccount = app
        .get_as("/api/v1/auth/me", &session.access_token)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(me.login_id, login_id);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_wrong_password_and_an_unknown_login_id_get_the_same_answer(#[case] db: Db) {
    let app = spawn_app(db).await;
    let login_id = app.create_staff(StaffRole::CityStaff).await;
    let wrong_password = app.login(&login_id, "not the password").await;
    assert_eq!(wrong_password.status(), 401);
    let unknown = app.login("nobody-here", "not the password").await;
    assert_eq!(unknown.status(), 401);
    let (wrong_password, unknown) = (problem(wrong_password).await, problem(unknown).await);
    assert_eq!(wrong_password.code, ErrorCode::InvalidCredentials);
    assert_eq!(
        wrong_password, unknown,
        "the answer must not reveal which accounts exist"
    );
}

/// Signs in as if from `client`, through the trusted proxy at 127.0.0.1.
async fn login_from(
    app: &crate::helpers::TestApp,
    client: &str,
    login_id: &str,
    password: &str,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", client)
        .json(&LoginRequest {
            login_id: login_id.to_owned(),
            password: password.to_owned(),
            code: None,
        })
        .send()
        .await
        .expect("sent")
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_failures_lock_a_login_id_only_for_the_client_that_failed_and_answer_like_any_failure(
    #[case] db: Db,
) {
    let app = spawn_app_with(
        db,
        &[
            ("MADOGUCHI_LOGIN_MAX_FAILURES", "3"),
            ("MADOGUCHI_TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    let login_id = app.create_staff(StaffRole::Operator).await;
    let (attacker, call_center) = ("203.0.113.5", "198.51.100.7");
    for attempt in 1..=3 {
        let response = login_from(&app, attacker, &login_id, "guess").await;
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    let locked = login_from(&app, attacker, &login_id, TEST_PASSWORD).await;
    assert_eq!(locked.status(), 401, "locked, and the answer says no more");
    let unknown = login_from(&app, attacker, "nobody-here", "guess").await;
    assert_eq!(
        problem(locked).await,
        problem(unknown).await,
        "a locked account answers like an unknown id"
    );

    // The call center, elsewhere, is not locked out by the attacker.
    let elsewhere = login_from(&app, call_center, &login_id, TEST_PASSWORD).await;
    assert_eq!(elsewhere.status(), 200);

    // When the lock lapses the right password works from the first client too.
    app.clock.advance(chrono::TimeDelta::seconds(901));
    let later = login_from(&app, attacker, &login_id, TEST_PASSWORD).await;
    assert_eq!(later.status(), 200);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r7_6_one_client_gets_a_limited_number_of_sign_in_attempts_whatever_the_ids(
    #[case] db: Db,
) {
    let app = spawn_app_with(
        db,
        &[
            ("MADOGUCHI_SIGN_INS_PER_CLIENT", "5"),
            ("MADOGUCHI_TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    let login_id = app.create_staff(StaffRole::Operator).await;
    for attempt in 1..=5 {
        let id = format!("random-{attempt}");
        let response = login_from(&app, "203.0.113.9", &id, "guess").await;
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    let sixth = login_from(&app, "203.0.113.9", &login_id, TEST_PASSWORD).await;
    assert_eq!(sixth.status(), 429);
    assert!(sixth.headers().contains_key("retry-after"));
    assert_eq!(problem(sixth).await.code, ErrorCode::RateLimited);
    let other_client = login_from(&app, "198.51.100.7", &login_id, TEST_PASSWORD).await;
    assert_eq!(other_client.status(), 200);

    // An allowance of nothing refuses the very first attempt too.
    let closed = spawn_app_with(db, &[("MADOGUCHI_SIGN_INS_PER_CLIENT", "0")]).await;
    let login_id = closed.create_staff(StaffRole::Operator).await;
    assert_eq!(closed.login(&login_id, TEST_PASSWORD).await.status(), 429);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_its_token_stops_working(#[case] db: Db) {
    let app = spawn_app(db).await;
    let login_id = app.create_staff(StaffRole::Operator).await;
    let token = app
        .login(&login_id, TEST_PASSWORD)
        .await
        .json::<LoginResponse>()
        .await
        .expect("json")
        .access_token;
    staff_account::Entity::update_many()
        .col_expr(staff_account::Column::Disabled, Expr::value(true))
        .filter(staff_account::Column::LoginId.eq(login_id.as_str()))
        .exec(&app.db)
        .await
        .expect("disable");

    let sign_in = app.login(&login_id, TEST_PASSWORD).await;
    assert_eq!(sign_in.status(), 401);
    let wrong_password = app.login(&login_id, "not the password").await;
    assert_eq!(
        problem(sign_in).await,
        problem(wrong_password).await,
        "the answer does not confirm the password of a disabled account"
    );
    assert_eq!(app.get_as("/api/v1/auth/me", &token).await.status(), 401);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn an_empty_sign_in_form_lists_both_fields(#[case] db: Db) {
    let app = spawn_app(db).await;
    let response = app.login("", "").await;
    assert_eq!(response.status(), 422);
    let fields: Vec<_> = problem(response)
        .await
        .errors
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, vec!["login_id", "password"]);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn an_admin_creates_a_staff_account_that_can_sign_in_and_login_ids_are_unique(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let admin = app.token_for(StaffRole::CityAdmin).await;
    let body = CreateStaffRequest {
        login_id: "new-operator".to_owned(),
        display_name: "山田 花子".to_owned(),
        role: StaffRole::Operator,
        password: "a long enough password".to_owned(),
    };
    let created = app
        .client
        .post(app.url("/api/v1/staff"))
        .bearer_auth(&admin)
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_eq!(created.status(), 201);
    let account: StaffAccount = created.json().await.expect("json");
    assert_eq!(account.display_name, "山田 花子");

    assert_eq!(
        app.login("new-operator", "a long enough password")
            .await
            .status(),
        200
    );

    let again = app
        .client
        .post(app.url("/api/v1/staff"))
        .bearer_auth(&admin)
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_eq!(again.status(), 409);
    let taken = problem(again).await;
    assert_eq!(taken.code, ErrorCode::AlreadyExists);
    assert_eq!(taken.errors[0].field, "login_id");

    let listed: Vec<StaffAccount> = app
        .get_as("/api/v1/staff", &admin)
        .await
        .json()
        .await
        .expect("json");
    assert!(listed.iter().any(|a| a.login_id == "new-operator"));
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn the_first_admin_comes_from_the_environment_only_once(#[case] db: Db) {
    let app = spawn_app_with(
        db,
        &[
            ("MADOGUCHI_INITIAL_ADMIN_LOGIN", "first-admin"),
            ("MADOGUCHI_INITIAL_ADMIN_PASSWORD", "first admin password"),
        ],
    )
    .await;
    let session: LoginResponse = app
        .login("first-admin", "first admin password")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(session.staff.role, StaffRole::CityAdmin);

    let admin = madoguchi_backend::config::InitialAdmin {
        login_id: "second-admin".to_owned(),
        password: madoguchi_backend::config::Secret::new("second admin password"),
    };
    let created =
        madoguchi_backend::service::staff::ensure_initial_admin(&app.db, &admin, app.now())
            .await
            .expect("runs");
    assert!(!created, "an admin exists already");
}
