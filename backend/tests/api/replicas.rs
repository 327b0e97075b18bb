//! Several replicas on one database, as production runs (DESIGN.md: two or more stateless
//! replicas on one PostgreSQL).

use std::process::{Child, Command, Stdio};

use madoguchi_shared::dto::auth::{ConfirmTwoFactorRequest, LoginRequest};
use madoguchi_shared::dto::reservation::CreateReservationRequest;
use rstest::rstest;

use crate::helpers::{Db, FreshDatabase, band, free_port, hm, hold, open_day};

/// The seeded administrator's sign-in, with a password alone.
fn admin_login(password: &str) -> LoginRequest {
    LoginRequest {
        login_id: "admin".to_owned(),
        password: password.to_owned(),
        code: None,
    }
}

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
    start_replica_with(database, admin_password, free_port(), &[])
}

fn start_replica_with(
    database: &FreshDatabase,
    admin_password: &str,
    port: u16,
    extra: &[(&str, String)],
) -> Replica {
    let mut command = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    command
        .args(["serve", "--seed-demo"])
        .env("MADOGUCHI_ENV", "development")
        .env("DATABASE_URL", &database.url)
        .env("MADOGUCHI_BIND", format!("127.0.0.1:{port}"))
        .env("MADOGUCHI_DATABASE_MAX_CONNECTIONS", "4")
        .env("MADOGUCHI_INITIAL_ADMIN_LOGIN", "admin")
        .env("MADOGUCHI_INITIAL_ADMIN_PASSWORD", admin_password)
        .env("RUST_LOG", "warn")
        .envs(extra.iter().map(|(name, value)| (*name, value.as_str())))
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

/// Waits until a replica answers `/readyz`, failing if it exits.
async fn wait_ready(replica: &mut Replica) {
    let client = reqwest::Client::new();
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
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("replica on port {} never became ready", replica.port);
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
    for replica in &mut replicas {
        wait_ready(replica).await;
    }
    let client = reqwest::Client::new();
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
        .json(&admin_login(password))
        .send()
        .await
        .expect("sent");
    assert_eq!(signed_in.status(), 200, "one administrator, on both");
}

/// Debian's nginx in front of the replicas: TLS with a throw-away certificate, and
/// `X-Forwarded-For` as a production proxy sets it. Stopped when dropped.
struct Nginx {
    child: Child,
    port: u16,
    certificate: String,
    _dir: TempDir,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A directory removed when dropped.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[expect(
    clippy::zombie_processes,
    reason = "Nginx's Drop kills and waits for it; a failed start panics the test"
)]
async fn start_nginx(upstreams: &[u16]) -> Nginx {
    let nginx = std::path::Path::new("/usr/sbin/nginx");
    assert!(
        nginx.exists(),
        "the production-shape test needs Debian's nginx (apt-get install nginx-light; cargo xtask test does)"
    );
    let dir =
        std::env::temp_dir().join(format!("madoguchi-nginx-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("nginx dir");
    // Workers run as `nobody` when the master is root: they write their temp files here.
    let _ = Command::new("chmod").arg("0777").arg(&dir).status();
    let generated =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .expect("a throw-away certificate");
    let certificate = generated.cert.pem();
    std::fs::write(dir.join("cert.pem"), &certificate).expect("cert");
    std::fs::write(dir.join("key.pem"), generated.signing_key.serialize_pem()).expect("key");
    let port = free_port();
    let servers: String = upstreams
        .iter()
        .map(|upstream| format!("    server 127.0.0.1:{upstream} max_fails=1 fail_timeout=2s;\n"))
        .collect();
    let d = dir.display();
    let config = format!(
        "daemon off;\nmaster_process on;\nworker_processes 2;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
         events {{ worker_connections 1024; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
           fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
           upstream madoguchi {{\n{servers}    keepalive 16;\n  }}\n\
           server {{\n    listen 127.0.0.1:{port} ssl;\n    server_name localhost;\n\
             ssl_certificate {d}/cert.pem;\n    ssl_certificate_key {d}/key.pem;\n\
             location / {{\n      proxy_pass http://madoguchi;\n      proxy_http_version 1.1;\n\
               proxy_set_header Connection \"\";\n      proxy_set_header Host $host;\n\
               proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
               proxy_set_header X-Forwarded-Proto $scheme;\n\
               proxy_next_upstream error timeout;\n    }}\n  }}\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), config).expect("nginx.conf");
    let child = Command::new(nginx)
        .arg("-p")
        .arg(&dir)
        .arg("-e")
        .arg(dir.join("error.log"))
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nginx starts");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Nginx {
                child,
                port,
                certificate,
                _dir: TempDir(dir),
            };
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let log = std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
    panic!("nginx did not start: {log}");
}

impl Nginx {
    /// A client that trusts the throw-away certificate and connects from `from`, one of
    /// the loopback addresses (127.0.0.0/8): each its own citizen as nginx sees it.
    fn client_from(&self, from: std::net::Ipv4Addr) -> reqwest::Client {
        reqwest::Client::builder()
            .add_root_certificate(
                reqwest::Certificate::from_pem(self.certificate.as_bytes()).expect("pem"),
            )
            .local_address(std::net::IpAddr::V4(from))
            .build()
            .expect("a client")
    }

    fn url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.port)
    }
}

/// One citizen of the rush: books one seat through nginx, and on a dropped connection or a
/// 502/503/504 tries again with the same Idempotency-Key, as the SPA does. Returns the final
/// status.
async fn book_through(nginx: &Nginx, n: u8, body: CreateReservationRequest) -> u16 {
    let client = nginx.client_from(std::net::Ipv4Addr::new(127, 0, 1, n));
    let key = uuid::Uuid::new_v4().to_string();
    for _ in 0..40 {
        let sent = client
            .post(nginx.url("/api/v1/reservations"))
            .header("Idempotency-Key", &key)
            .json(&body)
            .send()
            .await;
        match sent.map(|response| response.status().as_u16()) {
            Ok(status) if !matches!(status, 502..=504) => return status,
            _ => tokio::time::sleep(std::time::Duration::from_millis(250)).await,
        }
    }
    panic!("citizen {n} never got an answer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r7_6_two_replicas_behind_nginx_survive_a_sigkill_mid_rush_with_every_seat_mail_and_client_true()
 {
    use crate::helpers::{SmtpSink, booking, ledger_drift, phone};
    use madoguchi_backend::db::{outbox, reservation, reservation_history, reservation_member};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

    let database = FreshDatabase::create(Db::Postgres).await;
    let sink = SmtpSink::start(free_port()).await;
    let password = "production admin password";
    let (port_a, port_b) = (free_port(), free_port());
    let nginx = start_nginx(&[port_a, port_b]).await;
    let settings = [
        ("MADOGUCHI_SMTP_URL", sink.url()),
        ("MADOGUCHI_SMTP_TIMEOUT_SECONDS", "2".to_owned()),
        ("MADOGUCHI_TRUSTED_PROXIES", "127.0.0.1".to_owned()),
        ("MADOGUCHI_LIVE_HOLDS_PER_CLIENT", "2".to_owned()),
        ("MADOGUCHI_PUBLIC_URL", nginx.url("")),
        (
            "MADOGUCHI_JWT_SECRET",
            "production-shape-test-secret-0123456789".to_owned(),
        ),
    ];
    let mut replica_a = start_replica_with(&database, password, port_a, &settings);
    let mut replica_b = start_replica_with(&database, password, port_b, &settings);
    wait_ready(&mut replica_a).await;
    wait_ready(&mut replica_b).await;

    // The city opens three bands of twenty seats, through nginx.
    let office = nginx.client_from(std::net::Ipv4Addr::new(127, 0, 0, 9));
    let token: serde_json::Value = office
        .post(nginx.url("/api/v1/auth/login"))
        .json(&admin_login(password))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    // The administrator's role signs in with two factors: the first session sets them up,
    // through the proxy, with a code the authenticator app would show now.
    assert_eq!(token["two_factor_setup_required"], serde_json::json!(true));
    let token = token["access_token"].as_str().expect("a token").to_owned();
    let setup: serde_json::Value = office
        .post(nginx.url("/api/v1/auth/two-factor/setup"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    let secret = setup["secret"].as_str().expect("a secret");
    let code = madoguchi_backend::auth::totp::code_at(
        secret,
        madoguchi_backend::clock::Clock::system().now(),
    )
    .expect("a code");
    let enabled: serde_json::Value = office
        .post(nginx.url("/api/v1/auth/two-factor/confirm"))
        .bearer_auth(&token)
        .json(&ConfirmTwoFactorRequest { code })
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    let token = enabled["session"]["access_token"]
        .as_str()
        .expect("a full session")
        .to_owned();
    let today = madoguchi_backend::clock::Clock::system().today();
    let day = (7..)
        .map(|ahead| today + chrono::Days::new(ahead))
        .find(|day| madoguchi_shared::calendar::is_office_day(*day))
        .expect("an office day");
    let bands = ["09:00", "09:30", "10:00"];
    let opened = office
        .put(nginx.url(&format!("/api/v1/locations/1/overrides/{day}")))
        .bearer_auth(&token)
        .json(&open_day(
            "本番構成テスト",
            bands
                .iter()
                .map(|start| {
                    let end = (hm(start) + chrono::TimeDelta::minutes(30))
                        .format("%H:%M")
                        .to_string();
                    band(start, &end, 20, 0)
                })
                .collect(),
        ))
        .send()
        .await
        .expect("sent");
    assert_eq!(opened.status(), 200);

    let db = sea_orm::Database::connect(
        sea_orm::ConnectOptions::new(database.url.clone())
            .set_schema_search_path(database.schema.clone().expect("a schema"))
            .to_owned(),
    )
    .await
    .expect("the database");
    // Ninety citizens from ninety addresses rush for the sixty seats; one replica is
    // killed mid-rush and started again.
    let rush = futures::future::join_all((1..=90u8).map(|n| {
        let body = booking(day, bands[usize::from(n) % 3], 1, &phone(usize::from(n)));
        book_through(&nginx, n, body)
    }));
    let killer = async {
        // Mid-rush: once a dozen bookings are in.
        let mut booked_when_killed = 0;
        for _ in 0..200 {
            booked_when_killed = reservation::Entity::find().count(&db).await.expect("count");
            if booked_when_killed >= 12 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        replica_a.child.kill().expect("SIGKILL");
        let _ = replica_a.child.wait();
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        replica_a = start_replica_with(&database, password, port_a, &settings);
        wait_ready(&mut replica_a).await;
        booked_when_killed
    };
    let (statuses, booked_when_killed) = futures::join!(rush, killer);
    assert!(
        (12..60).contains(&booked_when_killed),
        "killed mid-rush, with {booked_when_killed} of 60 booked"
    );
    let booked = statuses
        .iter()
        .filter(|status| matches!(status, 200 | 201))
        .count();
    assert!(
        statuses
            .iter()
            .all(|status| matches!(status, 200 | 201 | 409)),
        "every citizen got a clean answer: {statuses:?}"
    );
    assert_eq!(booked, 60, "exactly the sixty seats: {statuses:?}");

    assert_eq!(
        reservation::Entity::find().count(&db).await.expect("count"),
        60
    );
    assert_eq!(
        ledger_drift(&db).await,
        Vec::<String>::new(),
        "every counter equals its reservations"
    );
    for row in reservation::Entity::find().all(&db).await.expect("rows") {
        let members = reservation_member::Entity::find()
            .filter(reservation_member::Column::ReservationId.eq(row.id))
            .count(&db)
            .await
            .expect("count");
        let history = reservation_history::Entity::find()
            .filter(reservation_history::Column::ReservationId.eq(row.id))
            .count(&db)
            .await
            .expect("count");
        assert!(
            members > 0 && history > 0,
            "{} has members and history",
            row.number
        );
    }

    // Every booking mail is delivered once, the killed replica's claims taken over.
    let mut waited = 0;
    while outbox::Entity::find()
        .filter(outbox::Column::Status.is_in(["pending", "sending"]))
        .count(&db)
        .await
        .expect("count")
        > 0
    {
        assert!(waited < 120, "the outbox never emptied");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        waited += 1;
    }
    let mut message_ids = std::collections::BTreeMap::new();
    for raw in sink.received() {
        let parsed = mailparse::parse_mail(&raw).expect("a mail");
        let id = mailparse::MailHeaderMap::get_first_value(parsed.headers.as_slice(), "Message-ID")
            .expect("a Message-ID");
        *message_ids.entry(id).or_insert(0) += 1;
    }
    assert_eq!(message_ids.len(), 60, "one mail per booking");
    assert!(
        message_ids.values().all(|count| *count == 1),
        "each once: {message_ids:?}"
    );
    assert!(
        message_ids.keys().all(|id| id.ends_with("@localhost>")),
        "named after the public host"
    );

    // The per-client limits saw the citizens' own addresses, not nginx's or a forged one.
    let hold = |from: [u8; 4], forged: Option<&'static str>| {
        let client = nginx.client_from(std::net::Ipv4Addr::from(from));
        let url = nginx.url("/api/v1/holds");
        async move {
            let mut request = client.post(url).json(&hold(day, "10:00", 1));
            if let Some(forged) = forged {
                request = request.header("X-Forwarded-For", forged);
            }
            request.send().await.expect("sent").status().as_u16()
        }
    };
    assert_eq!(hold([127, 0, 2, 1], None).await, 409, "the band is full");
    let open_band = office
        .put(nginx.url(&format!("/api/v1/locations/1/overrides/{day}")))
        .bearer_auth(&token)
        .json(&open_day(
            "本番構成テスト",
            vec![
                band("09:00", "09:30", 20, 0),
                band("09:30", "10:00", 20, 0),
                band("10:00", "10:30", 60, 0),
            ],
        ))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        open_band.status(),
        200,
        "{}",
        open_band.text().await.unwrap_or_default()
    );
    let first = [127, 0, 2, 2];
    assert_eq!(hold(first, None).await, 201);
    assert_eq!(hold(first, None).await, 201);
    assert_eq!(hold(first, None).await, 429, "two live holds per citizen");
    assert_eq!(hold([127, 0, 2, 3], None).await, 201, "another citizen");
    assert_eq!(
        hold([127, 0, 2, 4], Some("127.0.2.2")).await,
        201,
        "a forged X-Forwarded-For does not borrow another citizen's count"
    );
    drop(replica_b);
}
