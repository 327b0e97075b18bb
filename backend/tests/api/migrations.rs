//! Every migration has a working `down`: the schema can be rolled back and rebuilt.

use madoguchi_migrations::{Migrator, MigratorTrait};
use rstest::rstest;

use crate::helpers::{Db, spawn_app};

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn every_migration_rolls_back_and_applies_again(#[case] db: Db) {
    let app = spawn_app(db).await;
    let applied = Migrator::get_applied_migrations(&app.db)
        .await
        .expect("status")
        .len();
    assert_eq!(applied, Migrator::migrations().len());

    Migrator::reset(&app.db).await.expect("every down runs");
    assert!(
        Migrator::get_applied_migrations(&app.db)
            .await
            .expect("status")
            .is_empty()
    );

    Migrator::up(&app.db, None)
        .await
        .expect("every up runs again");
    assert_eq!(
        Migrator::get_pending_migrations(&app.db)
            .await
            .expect("status")
            .len(),
        0
    );
}
