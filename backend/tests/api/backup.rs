//! Backup and restore (issue 13, R13): the procedure the README gives, exercised. A backup
//! taken while the server runs is restored into a scratch database, and a server started
//! on it serves the same reservation to the same citizen link.

use madoguchi_shared::dto::reservation::{Reservation, ReservationWithAccess};
use sea_orm::ConnectionTrait;

use crate::helpers::{Db, booking, phone, postgres_base_url, spawn_app_with};

/// Both servers sign with one secret, as a restored production server would.
const SECRET: (&str, &str) = (
    "MADOGUCHI_JWT_SECRET",
    "backup-test-secret-backup-test-secret-0123",
);

fn scratch_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "madoguchi-backup-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

fn run(command: &mut std::process::Command) {
    let output = command.output().expect("the tool runs");
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn r13_an_online_sqlite_backup_restores_into_a_server_that_serves_it() {
    let app = spawn_app_with(Db::Sqlite, &[SECRET]).await;
    let day = app.office_day(7);
    let booked: ReservationWithAccess = app
        .book(&booking(day, "09:00", 2, &phone(1)), None)
        .await
        .json()
        .await
        .expect("booked");
    let scratch = scratch_dir();
    let backup = scratch.join("madoguchi-backup.db");
    // SQLite's online backup: a consistent copy while the server keeps serving.
    app.db
        .execute_unprepared(&format!("VACUUM INTO '{}'", backup.display()))
        .await
        .expect("VACUUM INTO");

    let restored_url = format!("sqlite://{}?mode=rwc", backup.display());
    let restored = spawn_app_with(Db::Sqlite, &[SECRET, ("DATABASE_URL", &restored_url)]).await;
    let response = restored
        .get_as(
            &format!("/api/v1/reservations/{}", booked.reservation.number),
            &booked.access_token,
        )
        .await;
    assert_eq!(response.status(), 200);
    let served: Reservation = response.json().await.expect("json");
    assert_eq!(served.number, booked.reservation.number);
    assert_eq!(served.members.len(), 2);
    assert!(restored.ledger_drift().await.is_empty());
}

#[tokio::test]
async fn r13_a_pg_dump_restores_with_pg_restore_into_a_server_that_serves_it() {
    let app = spawn_app_with(Db::Postgres, &[SECRET]).await;
    let day = app.office_day(7);
    let booked: ReservationWithAccess = app
        .book(&booking(day, "09:00", 2, &phone(1)), None)
        .await
        .json()
        .await
        .expect("booked");
    let schema = app
        .settings
        .database_schema
        .clone()
        .expect("each PostgreSQL test has its own schema");
    let scratch = scratch_dir();
    let dump = scratch.join("madoguchi.dump");
    let base = postgres_base_url();
    let server = base
        .rsplit_once('/')
        .map_or(base.as_str(), |(server, _)| server);
    let database = format!("restore_{}", uuid::Uuid::new_v4().simple());
    run(std::process::Command::new("pg_dump")
        .args([
            "--format=custom",
            "--no-owner",
            "--schema",
            &schema,
            "--file",
        ])
        .arg(&dump)
        .arg(&base));
    let admin = sea_orm::Database::connect(&base).await.expect("connect");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {database}"))
        .await
        .expect("a scratch database");
    let restored_url = format!("{server}/{database}");
    run(std::process::Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname", &restored_url])
        .arg(&dump));

    let restored = spawn_app_with(
        Db::Postgres,
        &[
            SECRET,
            ("DATABASE_URL", &restored_url),
            ("MADOGUCHI_DATABASE_SCHEMA", &schema),
        ],
    )
    .await;
    let response = restored
        .get_as(
            &format!("/api/v1/reservations/{}", booked.reservation.number),
            &booked.access_token,
        )
        .await;
    let status = response.status();
    let served: Option<Reservation> = response.json().await.ok();
    restored.db.clone().close().await.ok();
    drop(restored);
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        .await
        .expect("drop the scratch database");
    assert_eq!(status, 200);
    let served = served.expect("json");
    assert_eq!(served.number, booked.reservation.number);
    assert_eq!(served.members.len(), 2);
}
