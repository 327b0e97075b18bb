//! The `madoguchi` command as operators script it.

use std::process::Command;

use madoguchi_shared::dto::auth::LoginResponse;
use madoguchi_shared::dto::staff::StaffRole;
use rstest::rstest;

use crate::helpers::{Db, spawn_app_with};

/// The command on a developer's machine (the tests that need production say so).
fn madoguchi() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    command.env("MADOGUCHI_ENV", "development");
    command
}

fn temp_sqlite_url() -> (String, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!(
        "madoguchi-cli-{}.db",
        uuid::Uuid::new_v4().simple()
    ));
    (format!("sqlite://{}?mode=rwc", path.display()), path)
}

#[test]
fn openapi_prints_the_checked_in_spec() {
    let output = madoguchi().arg("openapi").output().expect("runs");
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).expect("utf-8");
    assert_eq!(
        printed,
        madoguchi_backend::openapi::spec_json().expect("spec")
    );
}

#[test]
fn serve_refuses_to_start_in_production_with_the_default_secret() {
    let (url, _) = temp_sqlite_url();
    let output = madoguchi()
        .arg("serve")
        .env("MADOGUCHI_ENV", "production")
        .env_remove("MADOGUCHI_JWT_SECRET")
        .env("DATABASE_URL", url)
        .env("MADOGUCHI_BIND", "127.0.0.1:0")
        .output()
        .expect("runs");
    assert!(!output.status.success(), "must not start");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("MADOGUCHI_JWT_SECRET"), "{stderr}");
}

#[test]
fn r7_6_serve_with_no_environment_set_is_production_and_refuses_the_public_secret() {
    let (url, _) = temp_sqlite_url();
    let output = madoguchi()
        .arg("serve")
        .env_remove("MADOGUCHI_ENV")
        .env_remove("MADOGUCHI_JWT_SECRET")
        .env("DATABASE_URL", url)
        .env("MADOGUCHI_BIND", "127.0.0.1:0")
        .output()
        .expect("runs");
    assert!(!output.status.success(), "must not start");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("MADOGUCHI_JWT_SECRET"), "{stderr}");
}

#[test]
fn migrate_creates_the_sqlite_file_and_is_idempotent() {
    let (url, path) = temp_sqlite_url();
    for _ in 0..2 {
        let status = madoguchi()
            .arg("migrate")
            .env("DATABASE_URL", &url)
            .status()
            .expect("runs");
        assert!(status.success());
    }
    assert!(path.exists(), "the database file was created");
    let _ = std::fs::remove_file(path);
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn create_admin_prints_a_generated_password_that_signs_in(#[case] db: Db) {
    let app = spawn_app_with(db, &[]).await;
    let output = madoguchi()
        .args(["create-admin", "--login-id", "cli-admin"])
        .env("DATABASE_URL", app.settings.database_url.expose())
        .env_remove("MADOGUCHI_ADMIN_PASSWORD")
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let password = stdout
        .lines()
        .find_map(|line| {
            line.split_once(": ")
                .filter(|(label, _)| label.starts_with("password"))
        })
        .map(|(_, password)| password.trim().to_owned())
        .expect("the password is printed once");
    assert!(password.len() >= 20);

    let response = app.login("cli-admin", &password).await;
    assert_eq!(response.status(), 200);
    let session: LoginResponse = response.json().await.expect("json");
    assert_eq!(session.staff.role, StaffRole::CityAdmin);
}
