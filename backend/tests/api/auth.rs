//! Staff sign-in: tokens, wrong credentials, lock-out, disabled accounts.

use madoguchi_backend::db::staff_account;
use madoguchi_shared::dto::auth::{LoginResponse, StaffRole};
use madoguchi_shared::dto::staff::StaffAccount;
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

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn repeated_failures_lock_the_account_even_against_the_right_password(#[case] db: Db) {
    let app = spawn_app_with(db, &[("MADOGUCHI_LOGIN_MAX_FAILURES", "3")]).await;
    let login_id = app.create_staff(StaffRole::Operator).await;
    for attempt in 1..=2 {
        let response = app.login(&login_id, "guess").await;
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    let third = app.login(&login_id, "guess").await;
    assert_eq!(third.status(), 429, "the third failure locks");
    assert!(third.headers().contains_key("retry-after"));
    assert_eq!(problem(third).await.code, ErrorCode::AccountLocked);

    let right_password = app.login(&login_id, TEST_PASSWORD).await;
    assert_eq!(right_password.status(), 429, "locked means locked");

    // When the lock expires, the right password works again and the counter restarts.
    staff_account::Entity::update_many()
        .col_expr(
            staff_account::Column::LockedUntil,
            Expr::value(Some(app.now() - chrono::Duration::seconds(1))),
        )
        .filter(staff_account::Column::LoginId.eq(login_id.as_str()))
        .exec(&app.db)
        .await
        .expect("expire the lock");
    assert_eq!(app.login(&login_id, TEST_PASSWORD).await.status(), 200);
    let account = staff_account::Entity::find()
        .filter(staff_account::Column::LoginId.eq(login_id.as_str()))
        .one(&app.db)
        .await
        .expect("query")
        .expect("account");
    assert_eq!(account.failed_logins, 0);
    assert_eq!(account.locked_until, None);
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
    assert_eq!(sign_in.status(), 403);
    assert_eq!(problem(sign_in).await.code, ErrorCode::AccountDisabled);
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
    let body = serde_json::json!({
        "login_id": "new-operator",
        "display_name": "山田 花子",
        "role": "operator",
        "password": "a long enough password"
    });
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
    assert_eq!(problem(again).await.code, ErrorCode::Conflict);

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
