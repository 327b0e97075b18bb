//! Staff accounts managed by city administrators: roles, disabling, password resets; and
//! nobody raises their own role.

use madoguchi_shared::dto::auth::LoginResponse;
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::dto::staff::{PasswordReset, StaffAccount, UpdateStaffRequest};
use madoguchi_shared::error::{ErrorCode, FieldErrorCode};
use reqwest::Method;
use rstest::rstest;

use crate::helpers::{
    Db, TEST_PASSWORD, disabling, password_change, problem, role_change, spawn_app,
};

/// The administrator of a test.
struct Admin {
    access_token: String,
    id: i64,
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_city_admin_changes_roles_disables_and_resets_accounts_and_each_change_ends_the_members_sessions(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let admin_member = app.signed_in(StaffRole::CityAdmin).await;
    let admin = Admin {
        access_token: admin_member.token.clone(),
        id: admin_member.id,
    };
    let operator_login = app.create_staff(StaffRole::Operator).await;
    let operator: LoginResponse = app
        .login(&operator_login, TEST_PASSWORD)
        .await
        .json()
        .await
        .expect("login");
    let id = operator.staff.id;
    let path = format!("/api/v1/staff/{id}");
    let patch = |body: UpdateStaffRequest, token: &str| {
        let (app, path, token) = (&app, path.clone(), token.to_owned());
        async move {
            app.send_json(Method::PATCH, &path, Some(&token), &body)
                .await
        }
    };

    // The operator's token cannot read the inquiry log of others until promoted.
    let reports = "/api/v1/reports/daily?date=2026-12-01";
    assert_eq!(
        app.get_as(reports, &operator.access_token).await.status(),
        403
    );
    let promoted = patch(
        UpdateStaffRequest {
            role: Some(StaffRole::CallCenterSupervisor),
            display_name: Some(" 責任者 花子 ".to_owned()),
            ..UpdateStaffRequest::default()
        },
        &admin.access_token,
    )
    .await;
    assert_eq!(promoted.status(), 200);
    let promoted: StaffAccount = promoted.json().await.expect("account");
    assert_eq!(promoted.role, StaffRole::CallCenterSupervisor);
    assert_eq!(promoted.display_name, "責任者 花子");
    assert_eq!(
        app.get_as(reports, &operator.access_token).await.status(),
        401,
        "a role change ends the member's sessions"
    );
    let operator: LoginResponse = app
        .login(&operator_login, TEST_PASSWORD)
        .await
        .json()
        .await
        .expect("login");
    assert_eq!(
        app.get_as(reports, &operator.access_token).await.status(),
        200,
        "signed in again, the member has the new role"
    );

    // Only administrators manage accounts; nobody changes their own role.
    let by_supervisor = patch(role_change(StaffRole::CityAdmin), &operator.access_token).await;
    assert_eq!(by_supervisor.status(), 403);
    let own = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/staff/{}", admin.id),
            Some(&admin.access_token),
            &role_change(StaffRole::Operator),
        )
        .await;
    assert_eq!(own.status(), 422);
    assert_eq!(problem(own).await.errors[0].field, "role");
    let own_disable = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/staff/{}", admin.id),
            Some(&admin.access_token),
            &disabling(),
        )
        .await;
    assert_eq!(own_disable.status(), 422);

    // A password reset asks the administrator for a step-up first; then the new password
    // works, the old one does not, and the member's sessions end.
    let reset_path = format!("{path}/password-reset");
    let without_step_up = app
        .send(Method::POST, &reset_path, Some(&admin.access_token), None)
        .await;
    assert_eq!(without_step_up.status(), 403);
    assert_eq!(
        problem(without_step_up).await.code,
        ErrorCode::StepUpRequired
    );
    app.step_up(&admin.access_token, admin_member.secret.as_deref())
        .await;
    let reset = app
        .send(Method::POST, &reset_path, Some(&admin.access_token), None)
        .await;
    assert_eq!(reset.status(), 200);
    let reset: PasswordReset = reset.json().await.expect("reset");
    assert!(reset.temporary_password.len() >= 12);
    assert_eq!(
        app.get_as(reports, &operator.access_token).await.status(),
        401,
        "a reset ends the member's sessions"
    );
    assert_eq!(
        app.login(&operator_login, TEST_PASSWORD).await.status(),
        401
    );
    let operator: LoginResponse = app
        .login(&operator_login, &reset.temporary_password)
        .await
        .json()
        .await
        .expect("login");

    // Disabled: no sign-in, and the token in hand stops working.
    let disabled = patch(disabling(), &admin.access_token).await;
    assert_eq!(disabled.status(), 200);
    assert!(
        disabled
            .json::<StaffAccount>()
            .await
            .expect("account")
            .disabled
    );
    assert_eq!(
        app.get_as(reports, &operator.access_token).await.status(),
        401
    );
    assert_ne!(
        app.login(&operator_login, &reset.temporary_password)
            .await
            .status(),
        200
    );
    let missing = app
        .send_json(
            Method::PATCH,
            "/api/v1/staff/999999",
            Some(&admin.access_token),
            &disabling(),
        )
        .await;
    assert_eq!(missing.status(), 404);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn a_member_replaces_a_temporary_password_with_their_own(#[case] db: Db) {
    let app = spawn_app(db).await;
    let login = app.create_staff(StaffRole::Operator).await;
    let session: LoginResponse = app
        .login(&login, TEST_PASSWORD)
        .await
        .json()
        .await
        .expect("login");
    let change = |current_password: &str, new_password: &str| {
        let (app, token) = (&app, session.access_token.clone());
        let body = password_change(current_password, new_password);
        async move {
            app.send_json(Method::POST, "/api/v1/auth/password", Some(&token), &body)
                .await
        }
    };
    let wrong = change("not it at all", "a brand new passphrase").await;
    assert_eq!(
        wrong.status(),
        422,
        "a wrong current password keeps the session"
    );
    assert_eq!(problem(wrong).await.errors[0].field, "current_password");
    let weak = change(TEST_PASSWORD, "short").await;
    assert_eq!(problem(weak).await.errors[0].field, "new_password");
    let same = change(TEST_PASSWORD, TEST_PASSWORD).await;
    assert_eq!(
        problem(same).await.errors[0].code,
        FieldErrorCode::Unchanged
    );

    let done = change(TEST_PASSWORD, "a brand new passphrase").await;
    assert_eq!(done.status(), 204);
    assert_eq!(
        app.get_as("/api/v1/auth/me", &session.access_token)
            .await
            .status(),
        401,
        "a password change ends every session, this one included"
    );
    assert_eq!(app.login(&login, TEST_PASSWORD).await.status(), 401);
    assert_eq!(
        app.login(&login, "a brand new passphrase").await.status(),
        200
    );
}
