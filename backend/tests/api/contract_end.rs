//! Contract end (R13.3): the export holds every piece of personal data, and the purge
//! that follows removes all of it, verified by a re-count.

use std::io::Read;

use madoguchi_shared::dto::inquiry::{InquiryCategory, InquiryOutcome};
use madoguchi_shared::dto::report::{PurgeReport, PurgeRequest};
use madoguchi_shared::dto::reservation::{AttendanceRequest, ReservationWithAccess};
use madoguchi_shared::dto::staff::StaffRole;
use reqwest::Method;
use rstest::rstest;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;
use sha2::{Digest, Sha256};

use madoguchi_shared::error::ErrorCode;

use crate::helpers::{Db, TestApp, booking, phone, problem, spawn_app};

async fn export(app: &TestApp, admin: &str) -> (Vec<u8>, String) {
    let response = app.get_as("/api/v1/contract-end/export", admin).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().expect("ascii"),
        "application/zip"
    );
    let sha = response.headers()["x-archive-sha256"]
        .to_str()
        .expect("ascii")
        .to_owned();
    (response.bytes().await.expect("bytes").to_vec(), sha)
}

fn file(archive: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("file in the archive")
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r13_3_contract_end_exports_all_personal_data_then_purges_it_verified(#[case] db: Db) {
    let app = spawn_app(db).await;
    let day = app.office_day(7);
    let operator = app.token_for(StaffRole::Operator).await;
    let admin_member = app.signed_in(StaffRole::CityAdmin).await;
    let admin = admin_member.token.clone();
    let first: ReservationWithAccess = app
        .book(&booking(day, "09:00", 2, &phone(1)), None)
        .await
        .json()
        .await
        .expect("booked");
    let second: ReservationWithAccess = app
        .book(&booking(day, "10:00", 1, &phone(2)), Some(&operator))
        .await
        .json()
        .await
        .expect("booked");
    app.send_json(
        Method::POST,
        "/api/v1/inquiries",
        Some(&operator),
        &crate::helpers::inquiry(
            InquiryCategory::Booking,
            "電話予約 ZQXJ-MARKER",
            InquiryOutcome::Resolved,
        ),
    )
    .await;

    // The export is a sensitive action: the password and code again first.
    let without_step_up = app.get_as("/api/v1/contract-end/export", &admin).await;
    assert_eq!(without_step_up.status(), 403);
    assert_eq!(
        problem(without_step_up).await.code,
        ErrorCode::StepUpRequired
    );
    app.step_up(&admin, admin_member.secret.as_deref()).await;
    let (archive, sha) = export(&app, &admin).await;
    let digest: String = Sha256::digest(&archive)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    assert_eq!(sha, digest, "the header is the archive's checksum");
    let reservations = file(&archive, "reservations.csv");
    assert!(reservations.starts_with('\u{FEFF}'));
    assert!(reservations.contains(&first.reservation.number));
    assert!(reservations.contains(&second.reservation.number));
    assert!(reservations.contains("090-0000-0001") || reservations.contains("09000000001"));
    assert_eq!(
        file(&archive, "reservation_members.csv").lines().count(),
        1 + 3
    );
    assert!(file(&archive, "inquiries.csv").contains("電話予約"));
    assert!(
        !file(&archive, "staff_accounts.csv").contains("argon2"),
        "no password hashes"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&file(&archive, "manifest.json")).expect("json");
    let rows = |name: &str| {
        manifest["files"]
            .as_array()
            .expect("files")
            .iter()
            .find(|entry| entry["name"] == name)
            .map(|entry| entry["rows"].clone())
    };
    assert_eq!(rows("reservations.csv"), Some(json!(2)));
    let audit_events = file(&archive, "audit_events.csv");
    assert!(
        audit_events.contains("step_up") && audit_events.contains(&admin_member.login_id),
        "the audit trail is handed over too"
    );
    assert!(file(&archive, "README.txt").contains("R13.3"));

    // Wrong checksum or no confirmation: refused, nothing removed.
    let purge = |export_sha256: &str, confirmation: &str| {
        let (app, admin) = (&app, admin.clone());
        let body = PurgeRequest {
            export_sha256: export_sha256.to_owned(),
            confirmation: confirmation.to_owned(),
        };
        async move {
            app.send_json(
                Method::POST,
                "/api/v1/contract-end/purge",
                Some(&admin),
                &body,
            )
            .await
        }
    };
    let wrong = purge("00", "全件削除").await;
    assert_eq!(problem(wrong).await.errors[0].field, "export_sha256");
    let unconfirmed = purge(&sha, "yes").await;
    assert_eq!(problem(unconfirmed).await.errors[0].field, "confirmation");

    // A booking after the export would be lost: export again first.
    app.clock.advance(chrono::TimeDelta::seconds(1));
    app.book(&booking(day, "11:00", 1, &phone(3)), None).await;
    let stale = purge(&sha, "全件削除").await;
    assert_eq!(stale.status(), 409);
    app.clock.advance(chrono::TimeDelta::seconds(1));
    let (_, sha) = export(&app, &admin).await;
    // A visit recorded after the export would be lost as well.
    app.clock.advance(chrono::TimeDelta::seconds(1));
    let visited = app
        .send_json(
            Method::POST,
            &format!(
                "/api/v1/reservations/{}/attendance",
                first.reservation.number
            ),
            Some(&admin),
            &AttendanceRequest { came: true },
        )
        .await;
    assert_eq!(visited.status(), 200);
    let stale = purge(&sha, "全件削除").await;
    assert_eq!(stale.status(), 409, "an attendance after the export");
    app.clock.advance(chrono::TimeDelta::seconds(1));
    let (_, sha) = export(&app, &admin).await;
    let done = purge(&sha, "全件削除").await;
    assert_eq!(done.status(), 200);
    let report: PurgeReport = done.json().await.expect("report");
    assert_eq!(report.reservations, 3);
    assert_eq!(report.members, 4);
    assert_eq!(report.inquiries, 1);
    assert!(report.history_rows >= 3);
    assert!(report.verified);
    assert_eq!(report.remaining_personal_rows, 0);
    assert_eq!(report.staff_accounts, 1, "the operator's account goes");
    assert!(report.audit_events > 0);
    assert!(report.compacted);
    assert_eq!(
        app.get_as("/api/v1/auth/me", &admin).await.status(),
        200,
        "the administrator who purged stays"
    );
    assert_eq!(app.get_as("/api/v1/auth/me", &operator).await.status(), 401);
    if db == Db::Sqlite {
        // Nothing deleted stays readable in the database files.
        let url = app.settings.database_url.expose().to_owned();
        let path = url
            .trim_start_matches("sqlite://")
            .split('?')
            .next()
            .expect("a path")
            .to_owned();
        for file in [path.clone(), format!("{path}-wal")] {
            let bytes = std::fs::read(&file).unwrap_or_default();
            assert!(
                !bytes.windows(11).any(|window| window == b"ZQXJ-MARKER"),
                "{file} still holds a purged inquiry"
            );
        }
    }

    // Counted again from outside: nothing personal is left, the slots are empty.
    use madoguchi_backend::db::{inquiry, reservation, reservation_history, reservation_member};
    assert_eq!(
        reservation::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        reservation_member::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        reservation_history::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        inquiry::Entity::find().count(&app.db).await.expect("count"),
        0
    );
    assert_eq!(app.slot_counters(day, "09:00").await.0, 0);
    let again = purge(&sha, "全件削除").await;
    assert_eq!(again.status(), 409, "purged already");
    let by_city_staff = app
        .get_as(
            "/api/v1/contract-end/export",
            &app.token_for(StaffRole::CityStaff).await,
        )
        .await;
    assert_eq!(by_city_staff.status(), 403);
}
