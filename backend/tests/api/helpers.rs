//! `spawn_app`: the real server on port 0 with a fresh database per test, on SQLite (a
//! new file) or PostgreSQL (a new schema in the `test` database), and typed helpers.

use std::collections::HashMap;
use std::net::TcpListener;

use madoguchi_backend::auth::TokenKeys;
use madoguchi_backend::config::Settings;
use madoguchi_backend::service;
use madoguchi_backend::startup::{Application, prepare_database};
use madoguchi_shared::dto::auth::{LoginRequest, LoginResponse, StaffRole};
use madoguchi_shared::dto::staff::CreateStaffRequest;
use madoguchi_shared::error::Problem;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use uuid::Uuid;

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server the suite uses; CI and this machine run one on 127.0.0.1.
pub fn postgres_base_url() -> String {
    std::env::var("MADOGUCHI_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// Password every test account gets.
pub const TEST_PASSWORD: &str = "test password 123456";

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// The same database the server uses.
    pub db: DatabaseConnection,
    /// The server's settings.
    pub settings: Settings,
    /// An HTTP client with no cookies and no redirects.
    pub client: reqwest::Client,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(std::path::PathBuf),
    PostgresSchema(String),
}

/// Starts the real server on a fresh database with the demo catalog loaded.
pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with(db, &[]).await
}

/// Like [`spawn_app`], with extra environment settings.
pub async fn spawn_app_with(db: Db, extra: &[(&str, &str)]) -> TestApp {
    let id = Uuid::new_v4().simple().to_string();
    let (database_url, schema, cleanup) = match db {
        Db::Sqlite => {
            let path = std::env::temp_dir().join(format!("madoguchi-test-{id}.db"));
            let url = format!("sqlite://{}?mode=rwc", path.display());
            (url, None, Cleanup::SqliteFile(path))
        }
        Db::Postgres => {
            let schema = format!("test_{id}");
            let admin = Database::connect(postgres_base_url())
                .await
                .expect("PostgreSQL must be running on 127.0.0.1:5432 (see README)");
            admin
                .execute_unprepared(&format!("CREATE SCHEMA \"{schema}\""))
                .await
                .expect("create the test schema");
            admin.close().await.expect("close the admin connection");
            (
                postgres_base_url(),
                Some(schema.clone()),
                Cleanup::PostgresSchema(schema),
            )
        }
    };
    let mut vars: HashMap<String, String> = HashMap::from([
        ("DATABASE_URL".to_owned(), database_url),
        ("MADOGUCHI_BIND".to_owned(), "127.0.0.1:0".to_owned()),
        ("MADOGUCHI_SEED_DEMO".to_owned(), "true".to_owned()),
        (
            "MADOGUCHI_JWT_SECRET".to_owned(),
            format!("test-secret-{id}"),
        ),
    ]);
    if let Some(schema) = schema {
        vars.insert("MADOGUCHI_DATABASE_SCHEMA".to_owned(), schema);
    }
    for (name, value) in extra {
        vars.insert((*name).to_owned(), (*value).to_owned());
    }
    let mut settings =
        Settings::from_lookup(|name| vars.get(name).cloned()).expect("valid test settings");
    if !vars.contains_key("MADOGUCHI_STATIC_DIR") {
        settings.static_dir = None;
    }

    let db = prepare_database(&settings)
        .await
        .expect("prepare the database");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let application =
        Application::with_parts(&settings, db.clone(), listener).expect("build the app");
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped());

    TestApp {
        address,
        db,
        settings,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("build a client"),
        cleanup,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PostgresSchema(schema) => {
                let schema = schema.clone();
                // Drop runs inside the test's runtime, which cannot block on itself: use a
                // short-lived runtime on its own thread.
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()?;
                    runtime.block_on(async {
                        let admin = Database::connect(postgres_base_url()).await?;
                        admin
                            .execute_unprepared(&format!(
                                "DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"
                            ))
                            .await?;
                        admin.close().await?;
                        Ok::<_, anyhow::Error>(())
                    })
                })
                .join();
                if !matches!(dropped, Ok(Ok(()))) {
                    eprintln!("warning: could not drop a test schema");
                }
            }
        }
    }
}

impl TestApp {
    /// Absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// `GET path` with a bearer token.
    pub async fn get_as(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent")
    }

    /// `POST path` with a JSON body.
    pub async fn post_json<T: serde::Serialize>(&self, path: &str, body: &T) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// The keys the server signs tokens with, for forging expired tokens.
    pub fn token_keys(&self) -> TokenKeys {
        TokenKeys::new(&self.settings.jwt_secret, self.settings.jwt_ttl)
    }

    /// Creates a staff account directly through the service; returns its login id.
    pub async fn create_staff(&self, role: StaffRole) -> String {
        let login_id = format!(
            "{}-{}",
            role.as_str().replace('_', "-"),
            &Uuid::new_v4().simple().to_string()[..8]
        );
        service::staff::create(
            &self.db,
            CreateStaffRequest {
                login_id: login_id.clone(),
                display_name: format!("Test {}", role.as_str()),
                role,
                password: TEST_PASSWORD.to_owned(),
            },
            None,
        )
        .await
        .expect("create a staff account");
        login_id
    }

    /// Signs in through the API.
    pub async fn login(&self, login_id: &str, password: &str) -> reqwest::Response {
        self.post_json(
            "/api/v1/auth/login",
            &LoginRequest {
                login_id: login_id.to_owned(),
                password: password.to_owned(),
            },
        )
        .await
    }

    /// A fresh account of `role`, signed in; returns its token.
    pub async fn token_for(&self, role: StaffRole) -> String {
        let login_id = self.create_staff(role).await;
        let response = self.login(&login_id, TEST_PASSWORD).await;
        assert_eq!(response.status(), 200, "sign-in as {role:?} failed");
        response
            .json::<LoginResponse>()
            .await
            .expect("login body")
            .access_token
    }
}

/// Reads a problem body, checking the media type first.
pub async fn problem(response: reqwest::Response) -> Problem {
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        content_type, "application/problem+json",
        "error bodies are problems"
    );
    response.json::<Problem>().await.expect("a problem body")
}
