//! The five procedures of R5.1 and the locations, as seeded by the demo configuration.

use madoguchi_shared::dto::catalog::{Location, Procedure};
use rstest::rstest;

use crate::helpers::{Db, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r5_1_the_five_procedures_are_bookable_with_what_to_bring_and_notes(#[case] db: Db) {
    let app = spawn_app(db).await;
    let procedures: Vec<Procedure> = app
        .get("/api/v1/procedures")
        .await
        .json()
        .await
        .expect("json");
    let names: Vec<_> = procedures.iter().map(|p| p.name_ja.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "カードの受取り",
            "電子証明書の更新・新規発行",
            "暗証番号の再設定",
            "カードの申請",
            "その他"
        ]
    );
    for procedure in &procedures {
        // R5.4: operators read these out; they must never be blank.
        assert!(!procedure.what_to_bring_ja.is_empty(), "{}", procedure.code);
        assert!(!procedure.notes_ja.is_empty(), "{}", procedure.code);
        assert!(!procedure.name_en.is_empty(), "{}", procedure.code);
        assert!(procedure.active && procedure.units_per_person >= 1);
    }
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn several_locations_are_listed_main_office_first(#[case] db: Db) {
    let app = spawn_app(db).await;
    let locations: Vec<Location> = app
        .get("/api/v1/locations")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(locations.len(), 5);
    assert_eq!(locations[0].code, "main_office");
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn seeding_the_demo_twice_changes_nothing(#[case] db: Db) {
    let app = spawn_app(db).await;
    let seeded_again = madoguchi_backend::service::catalog::seed_demo(&app.db)
        .await
        .expect("seed");
    assert!(!seeded_again);
    let procedures: Vec<Procedure> = app
        .get("/api/v1/procedures")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(procedures.len(), 5);
}
