//! The five procedures of R5.1 and the locations, as seeded by the demo configuration.

use madoguchi_shared::dto::catalog::{Location, LocationInput, Procedure, ProcedureInput};
use rstest::rstest;

use crate::helpers::{Db, jigozen_office, spawn_app};

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
    let seeded_again = madoguchi_backend::service::catalog::seed_demo(&app.db, app.now())
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

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn r5_1_r7_4_ki_the_city_edits_a_procedure_and_switches_one_off(#[case] db: Db) {
    use madoguchi_shared::dto::staff::StaffRole;
    let app = spawn_app(db).await;
    let city = app.token_for(StaffRole::CityStaff).await;
    let mut procedure = ProcedureInput {
        code: "pin_reset".to_owned(),
        name_ja: "暗証番号の再設定".to_owned(),
        name_en: "PIN reset".to_owned(),
        what_to_bring_ja: "マイナンバーカード、本人確認書類、委任状（代理の方）".to_owned(),
        what_to_bring_en: "Your card, photo ID, and a letter of proxy if someone comes for you"
            .to_owned(),
        notes_ja: "ご本人がお越しください。".to_owned(),
        notes_en: "Come in person.".to_owned(),
        units_per_person: 2,
        active: true,
        sort_order: 30,
    };
    let edited = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/procedures/3",
            Some(&city),
            &procedure,
        )
        .await;
    assert_eq!(edited.status(), 200);
    let edited: Procedure = edited.json().await.expect("json");
    assert!(edited.what_to_bring_ja.contains("委任状"));
    assert_eq!(edited.units_per_person, 2);

    procedure.active = false;
    assert_eq!(
        app.send_json(
            reqwest::Method::PUT,
            "/api/v1/procedures/3",
            Some(&city),
            &procedure
        )
        .await
        .status(),
        200
    );
    let bookable: Vec<Procedure> = app
        .get("/api/v1/procedures")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        bookable.len(),
        4,
        "a switched-off procedure is not bookable"
    );
    let all: Vec<Procedure> = app
        .get("/api/v1/procedures?include_inactive=true")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(all.len(), 5);

    procedure.code = "card_pickup".to_owned();
    let taken = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/procedures/3",
            Some(&city),
            &procedure,
        )
        .await;
    assert_eq!(taken.status(), 409, "codes are unique");
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[tokio::test]
async fn the_city_adds_a_location(#[case] db: Db) {
    use madoguchi_shared::dto::staff::StaffRole;
    let app = spawn_app(db).await;
    let admin = app.token_for(StaffRole::CityAdmin).await;
    let body = jigozen_office();
    assert_eq!(
        app.send_json(
            reqwest::Method::POST,
            "/api/v1/locations",
            Some(&admin),
            &body
        )
        .await
        .status(),
        201
    );
    let locations: Vec<Location> = app
        .get("/api/v1/locations")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(locations.len(), 6);
    let bad = LocationInput {
        code: "Bad Code".to_owned(),
        name_ja: String::new(),
        name_en: "x".to_owned(),
        address_ja: String::new(),
        active: true,
        sort_order: 1,
    };
    let refused = app
        .send_json(
            reqwest::Method::POST,
            "/api/v1/locations",
            Some(&admin),
            &bad,
        )
        .await;
    assert_eq!(refused.status(), 422);
}
