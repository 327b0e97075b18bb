//! Several replicas on one database, as production runs (DESIGN.md: two or more stateless
//! replicas on one PostgreSQL).

use std::process::{Child, Command, Stdio};

use rstest::rstest;

use crate::helpers::{Db, FreshDatabase, free_port};

/// A `madoguchi serve` process, killed when dropped.
struct Replica {
    child: Child,
    port: u16,
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_replica(database: &FreshDatabase, admin_password: &str) -> Replica {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    command
        .args(["serve", "--seed-demo"])
        .env("DATABASE_URL", &database.url)
        .env("MADOGUCHI_BIND", format!("127.0.0.1:{port}"))
        .env("MADOGUCHI_DATABASE_MAX_CONNECTIONS", "4")
        .env("MADOGUCHI_INITIAL_ADMIN_LOGIN", "admin")
        .env("MADOGUCHI_INITIAL_ADMIN_PASSWORD", admin_password)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    match &database.schema {
        Some(schema) => command.env("MADOGUCHI_DATABASE_SCHEMA", schema),
        None => command.env_remove("MADOGUCHI_DATABASE_SCHEMA"),
    };
    Replica {
        child: command.spawn().expect("madoguchi serve starts"),
        port,
    }
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn two_replicas_started_together_on_an_empty_database_both_come_up_with_one_catalog_and_one_administrator(
    #[case] db: Db,
) {
    let database = FreshDatabase::create(db).await;
    let password = "replica admin password";
    let mut replicas = [
        start_replica(&database, password),
        start_replica(&database, password),
    ];
    let client = reqwest::Client::new();
    for replica in &mut replicas {
        let mut ready = false;
        for _ in 0..150 {
            assert!(
                replica.child.try_wait().expect("status").is_none(),
                "a replica exited while starting"
            );
            let url = format!("http://127.0.0.1:{}/readyz", replica.port);
            if client
                .get(&url)
                .send()
                .await
                .is_ok_and(|response| response.status().is_success())
            {
                ready = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        assert!(ready, "replica on port {} never became ready", replica.port);
    }
    let port = replicas[0].port;
    let procedures: Vec<serde_json::Value> = client
        .get(format!("http://127.0.0.1:{port}/api/v1/procedures"))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(procedures.len(), 5, "the demo catalog once");
    let signed_in = client
        .post(format!(
            "http://127.0.0.1:{}/api/v1/auth/login",
            replicas[1].port
        ))
        .json(&serde_json::json!({"login_id": "admin", "password": password}))
        .send()
        .await
        .expect("sent");
    assert_eq!(signed_in.status(), 200, "one administrator, on both");
}
