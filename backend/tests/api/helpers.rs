//! `spawn_app`: the real server on port 0 with a fresh database per test, on SQLite (a
//! new file) or PostgreSQL (a new schema in the `test` database), and typed helpers.
//!
//! Time: every server a test starts tells time by a pinned [`Clock`] that the test holds
//! too, so the test's "today" is the server's. It starts at [`test_start`] (the present, or
//! `MADOGUCHI_TEST_NOW`), or at one of the [`HardDay`]s for the date-sensitive tests.

use std::collections::{BTreeMap, HashMap};
use std::net::TcpListener;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use madoguchi_backend::auth::TokenKeys;
use madoguchi_backend::auth::password::Hasher;
use madoguchi_backend::auth::totp;
use madoguchi_backend::clock::Clock;
use madoguchi_backend::config::Settings;
use madoguchi_backend::service;
use madoguchi_backend::startup::{Application, prepare_database};
use madoguchi_shared::dto::auth::{
    ChangePasswordRequest, ConfirmTwoFactorRequest, LoginRequest, LoginResponse, StepUpRequest,
    TwoFactorEnabled, TwoFactorSetup,
};
use madoguchi_shared::dto::catalog::LocationInput;
use madoguchi_shared::dto::inquiry::{CreateInquiryRequest, InquiryCategory, InquiryOutcome};
use madoguchi_shared::dto::notice::{NoticeInput, NoticeKind};
use madoguchi_shared::dto::reservation::{
    ChangeSlotRequest, CreateReservationRequest, HoldRequest, Language, LookupRequest,
    PartyMemberInput,
};
use madoguchi_shared::dto::schedule::{DayOverrideInput, TimeBand};
use madoguchi_shared::dto::staff::{CreateStaffRequest, StaffRole, UpdateStaffRequest};
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
    /// The server's clock: pinned, and moved only by the test.
    pub clock: Clock,
    /// An HTTP client with no cookies and no redirects.
    pub client: reqwest::Client,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(std::path::PathBuf),
    PostgresSchema(String),
    /// Handed on to a `TestApp`.
    Done,
}

/// An empty database of its own: a new SQLite file, or a new schema in PostgreSQL's `test`
/// database. Removed when dropped (or by the `TestApp` it goes into).
pub struct FreshDatabase {
    /// `DATABASE_URL`.
    pub url: String,
    /// `MADOGUCHI_DATABASE_SCHEMA`, on PostgreSQL.
    pub schema: Option<String>,
    cleanup: Cleanup,
}

impl FreshDatabase {
    /// Makes one.
    pub async fn create(db: Db) -> FreshDatabase {
        let id = Uuid::new_v4().simple().to_string();
        match db {
            Db::Sqlite => {
                let path = std::env::temp_dir().join(format!("madoguchi-test-{id}.db"));
                FreshDatabase {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    schema: None,
                    cleanup: Cleanup::SqliteFile(path),
                }
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
                FreshDatabase {
                    url: postgres_base_url(),
                    schema: Some(schema.clone()),
                    cleanup: Cleanup::PostgresSchema(schema),
                }
            }
        }
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        self.cleanup.run();
    }
}

/// Starts the real server on a fresh database with the demo catalog loaded.
pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with(db, &[]).await
}

/// Like [`spawn_app`], with extra environment settings.
pub async fn spawn_app_with(db: Db, extra: &[(&str, &str)]) -> TestApp {
    spawn_app_at(db, test_start(), extra).await
}

/// When a test's server clock starts: `MADOGUCHI_TEST_NOW` (an RFC 3339 instant, which
/// `cargo xtask sweep-dates` sets to each day of a year in turn) or else the present moment.
/// From then on the server and the test read the same pinned clock.
pub fn test_start() -> DateTime<Utc> {
    match std::env::var("MADOGUCHI_TEST_NOW") {
        Ok(text) if !text.trim().is_empty() => DateTime::parse_from_rfc3339(text.trim())
            .expect("MADOGUCHI_TEST_NOW is an RFC 3339 instant")
            .with_timezone(&Utc),
        _ => Clock::system().now(),
    }
}

/// Starts the real server with its clock pinned at `now`.
pub async fn spawn_app_at(db: Db, now: DateTime<Utc>, extra: &[(&str, &str)]) -> TestApp {
    let clock = Clock::pinned(now);
    let id = Uuid::new_v4().simple().to_string();
    let mut fresh = FreshDatabase::create(db).await;
    let cleanup = std::mem::replace(&mut fresh.cleanup, Cleanup::Done);
    let (database_url, schema) = (fresh.url.clone(), fresh.schema.clone());
    let mut vars: HashMap<String, String> = HashMap::from([
        ("DATABASE_URL".to_owned(), database_url),
        ("MADOGUCHI_ENV".to_owned(), "development".to_owned()),
        ("MADOGUCHI_BIND".to_owned(), "127.0.0.1:0".to_owned()),
        ("MADOGUCHI_SEED_DEMO".to_owned(), "true".to_owned()),
        (
            "MADOGUCHI_JWT_SECRET".to_owned(),
            format!("test-secret-{id}"),
        ),
        // Tests sign in often from one address; the limit has its own tests.
        (
            "MADOGUCHI_SIGN_INS_PER_CLIENT".to_owned(),
            "10000".to_owned(),
        ),
        // Tests run in parallel against one PostgreSQL, which takes 100 connections.
        (
            "MADOGUCHI_DATABASE_MAX_CONNECTIONS".to_owned(),
            "6".to_owned(),
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

    let db = prepare_database(&settings, &clock)
        .await
        .expect("prepare the database");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let application = Application::with_parts(&settings, db.clone(), listener, clock.clone())
        .expect("build the app");
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped());

    TestApp {
        address,
        db,
        settings,
        clock,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("build a client"),
        cleanup,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.cleanup.run();
    }
}

impl Cleanup {
    /// Removes the database; PostgreSQL schemas through a short-lived runtime of their own,
    /// since drops run inside the test's runtime, which cannot block on itself.
    fn run(&self) {
        match self {
            Cleanup::Done => {}
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PostgresSchema(schema) => {
                let schema = schema.clone();
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
        TokenKeys::new(
            &self.settings.jwt_secret,
            self.settings.jwt_ttl,
            self.clock.clone(),
        )
    }

    /// A notifier like the server's, for queueing mails from a test.
    pub fn notifier(&self) -> madoguchi_backend::mail::Notifier {
        madoguchi_backend::mail::Notifier::new(
            self.token_keys(),
            self.settings.public_url.clone(),
            self.clock.clone(),
        )
    }

    /// A delivery worker like the server's, sending to `smtp_url`.
    pub fn mail_worker(&self, smtp_url: &str) -> madoguchi_backend::mail::worker::OutboxWorker {
        madoguchi_backend::mail::worker::OutboxWorker::new(
            self.db.clone(),
            smtp_url,
            "Test <noreply@madoguchi.test>",
            &self.settings.public_url,
            self.clock.clone(),
        )
        .expect("worker")
    }

    /// The server's now.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The server's today, Japan time.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// `count` distinct office days (weekdays, not holidays, not the year-end closure), in
    /// order, the first at least `min_days_ahead` days after today, all inside the default
    /// 60-day booking window: days a citizen can book now, whatever the time of day.
    pub fn office_days(&self, min_days_ahead: u64, count: usize) -> Vec<NaiveDate> {
        let today = self.today();
        let last_open = today + Days::new(window_days());
        let days: Vec<NaiveDate> = (today + Days::new(min_days_ahead))
            .iter_days()
            .take_while(|day| *day <= last_open)
            .filter(|day| madoguchi_shared::calendar::is_office_day(*day))
            .take(count)
            .collect();
        assert_eq!(
            days.len(),
            count,
            "{count} office days from {min_days_ahead} days after {today} in the window"
        );
        days
    }

    /// The first office day at least `min_days_ahead` days after today (see
    /// [`TestApp::office_days`]).
    pub fn office_day(&self, min_days_ahead: u64) -> NaiveDate {
        self.office_days(min_days_ahead, 1)[0]
    }

    /// The first office day past the booking window's last open day: citizens may not book
    /// it yet, the call center may.
    pub fn office_day_beyond_window(&self) -> NaiveDate {
        let first = self.today() + Days::new(window_days() + 1);
        first
            .iter_days()
            .find(|day| madoguchi_shared::calendar::is_office_day(*day))
            .expect("an office day")
    }

    /// A Saturday at least `min_days_ahead` days ahead, inside the booking window, that the
    /// demo does not open (it opens the second Saturday of each month) and that is not a
    /// holiday or in the year-end closure: closed unless the city opens it.
    pub fn closed_saturday(&self, min_days_ahead: u64) -> NaiveDate {
        let last_open = self.today() + Days::new(window_days());
        (self.today() + Days::new(min_days_ahead))
            .iter_days()
            .take_while(|day| *day <= last_open)
            .find(|day| {
                day.weekday() == chrono::Weekday::Sat
                    && !(8..=14).contains(&day.day())
                    && madoguchi_shared::calendar::holiday(*day).is_none()
                    && !madoguchi_shared::calendar::is_year_end_closure(*day)
            })
            .expect("a plain Saturday in the window")
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
            &Hasher::for_this_machine(),
            CreateStaffRequest {
                login_id: login_id.clone(),
                display_name: format!("Test {}", role.as_str()),
                role,
                password: TEST_PASSWORD.to_owned(),
            },
            None,
            self.now(),
        )
        .await
        .expect("create a staff account");
        login_id
    }

    /// Signs in through the API with a password alone.
    pub async fn login(&self, login_id: &str, password: &str) -> reqwest::Response {
        self.login_with_code(login_id, password, None).await
    }

    /// Signs in through the API, with a one-time code when given.
    pub async fn login_with_code(
        &self,
        login_id: &str,
        password: &str,
        code: Option<&str>,
    ) -> reqwest::Response {
        self.post_json(
            "/api/v1/auth/login",
            &LoginRequest {
                login_id: login_id.to_owned(),
                password: password.to_owned(),
                code: code.map(str::to_owned),
            },
        )
        .await
    }

    /// A fresh account of `role`, signed in; returns its token. Roles that must use two
    /// factors (by default the city's) set them up on the way, as a member would.
    pub async fn token_for(&self, role: StaffRole) -> String {
        self.signed_in(role).await.token
    }

    /// A fresh account of `role`, signed in, with what it signed in with.
    pub async fn signed_in(&self, role: StaffRole) -> SignedInStaff {
        let login_id = self.create_staff(role).await;
        let response = self.login(&login_id, TEST_PASSWORD).await;
        assert_eq!(response.status(), 200, "sign-in as {role:?} failed");
        let session: LoginResponse = response.json().await.expect("login body");
        if !session.two_factor_setup_required {
            return SignedInStaff {
                id: session.staff.id,
                login_id,
                token: session.access_token,
                secret: None,
            };
        }
        let (secret, token) = self.enrol_two_factor(&session.access_token).await;
        SignedInStaff {
            id: session.staff.id,
            login_id,
            token,
            secret: Some(secret),
        }
    }

    /// Sets up two-factor sign-in with the session `token`: returns the secret and the new
    /// session's token.
    pub async fn enrol_two_factor(&self, token: &str) -> (String, String) {
        let setup = self
            .client
            .post(self.url("/api/v1/auth/two-factor/setup"))
            .bearer_auth(token)
            .send()
            .await
            .expect("setup request");
        assert_eq!(setup.status(), 200, "two-factor set-up");
        let setup: TwoFactorSetup = setup.json().await.expect("setup body");
        let code = totp::code_at(&setup.secret, self.now()).expect("a code");
        let confirmed = self
            .client
            .post(self.url("/api/v1/auth/two-factor/confirm"))
            .bearer_auth(token)
            .json(&ConfirmTwoFactorRequest { code })
            .send()
            .await
            .expect("confirm request");
        assert_eq!(confirmed.status(), 200, "two-factor confirmation");
        let enabled: TwoFactorEnabled = confirmed.json().await.expect("confirm body");
        (setup.secret, enabled.session.access_token)
    }

    /// Opens the sensitive actions for five minutes for a member signed in with `token`.
    pub async fn step_up(&self, token: &str, secret: Option<&str>) {
        // A code of a later step than any used before: move the clock on by one step.
        self.clock.advance(chrono::TimeDelta::seconds(30));
        let code = secret.map(|secret| totp::code_at(secret, self.now()).expect("a code"));
        let response = self
            .client
            .post(self.url("/api/v1/auth/step-up"))
            .bearer_auth(token)
            .json(&StepUpRequest {
                password: TEST_PASSWORD.to_owned(),
                code,
            })
            .send()
            .await
            .expect("step-up request");
        assert_eq!(response.status(), 200, "step-up");
    }
}

/// A member of staff a test signed in.
#[derive(Clone, Debug)]
pub struct SignedInStaff {
    /// Account id.
    pub id: i64,
    /// Login id.
    pub login_id: String,
    /// Bearer token.
    pub token: String,
    /// The authenticator secret, when the account has two factors.
    pub secret: Option<String>,
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

/// The main office of the demo configuration.
pub const MAIN_OFFICE: i64 = 1;

/// Days ahead the default booking window opens.
pub fn window_days() -> u64 {
    u64::from(madoguchi_shared::dto::schedule::BookingWindow::default().opens_days_ahead)
}

/// `HH:MM` as a time of day, the way tests write band starts.
pub fn hm(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").expect("HH:MM")
}

/// A contact form that passes the default fields, with this phone number.
pub fn contact(phone: &str) -> BTreeMap<String, String> {
    [
        ("name", "廿日 太郎".to_owned()),
        ("name_kana", "ハツカ タロウ".to_owned()),
        ("phone", phone.to_owned()),
        ("email", format!("{}@example.jp", phone.replace('-', ""))),
        ("birth_date", "1980-04-01".to_owned()),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value))
    .collect()
}

/// One person of a party, as entered.
pub fn member(name: &str, procedure_id: i64) -> PartyMemberInput {
    PartyMemberInput {
        name: name.to_owned(),
        procedure_id,
    }
}

/// A booking at the main office for `people` members (all card pickup) at 09:00-style
/// `start`, in Japanese.
pub fn booking(
    date: NaiveDate,
    start: &str,
    people: usize,
    phone: &str,
) -> CreateReservationRequest {
    CreateReservationRequest {
        location_id: MAIN_OFFICE,
        date,
        start: hm(start),
        members: (0..people)
            .map(|i| member(&format!("家族 {i}"), 1))
            .collect(),
        contact: contact(phone),
        hold_id: None,
        language: Language::Ja,
    }
}

/// A hold of `seats` seats in the main office's band at `start`.
pub fn hold(date: NaiveDate, start: &str, seats: u32) -> HoldRequest {
    HoldRequest {
        location_id: MAIN_OFFICE,
        date,
        start: hm(start),
        seats,
    }
}

/// A move to the band at `start` on `date`.
pub fn change_slot(date: NaiveDate, start: &str) -> ChangeSlotRequest {
    ChangeSlotRequest {
        date,
        start: hm(start),
    }
}

/// A citizen's look-up of reservation `number` with a phone number or an email address.
pub fn lookup(number: &str, phone_or_email: &str) -> LookupRequest {
    LookupRequest {
        number: number.to_owned(),
        phone_or_email: phone_or_email.to_owned(),
    }
}

/// A logged call about no reservation, received now.
pub fn inquiry(
    category: InquiryCategory,
    summary: &str,
    outcome: InquiryOutcome,
) -> CreateInquiryRequest {
    CreateInquiryRequest {
        received_at: None,
        category,
        summary: summary.to_owned(),
        outcome,
        reservation_number: None,
    }
}

/// A notice with a Japanese title alone, published from `publish_from`, with no window.
pub fn notice(kind: NoticeKind, title_ja: &str, publish_from: DateTime<Utc>) -> NoticeInput {
    NoticeInput {
        kind,
        title_ja: title_ja.to_owned(),
        title_en: String::new(),
        body_ja: String::new(),
        body_en: String::new(),
        publish_from,
        publish_until: None,
        starts_at: None,
        ends_at: None,
    }
}

/// A change of a staff account's role alone.
pub fn role_change(role: StaffRole) -> UpdateStaffRequest {
    UpdateStaffRequest {
        role: Some(role),
        ..UpdateStaffRequest::default()
    }
}

/// Disabling a staff account.
pub fn disabling() -> UpdateStaffRequest {
    UpdateStaffRequest {
        disabled: Some(true),
        ..UpdateStaffRequest::default()
    }
}

/// A member's own change of password.
pub fn password_change(current_password: &str, new_password: &str) -> ChangePasswordRequest {
    ChangePasswordRequest {
        current_password: current_password.to_owned(),
        new_password: new_password.to_owned(),
    }
}

/// A step-up with a password alone.
pub fn step_up_with(password: &str) -> StepUpRequest {
    StepUpRequest {
        password: password.to_owned(),
        code: None,
    }
}

/// A time band from `start` to `end` with its seats.
pub fn band(start: &str, end: &str, capacity: u32, phone_quota: u32) -> TimeBand {
    TimeBand {
        start: hm(start),
        end: hm(end),
        capacity,
        phone_quota,
    }
}

/// A day override that opens the day with these bands.
pub fn open_day(label: &str, bands: Vec<TimeBand>) -> DayOverrideInput {
    DayOverrideInput {
        closed: false,
        label: label.to_owned(),
        bands,
    }
}

/// A day override that closes the day.
pub fn closed_day(label: &str) -> DayOverrideInput {
    DayOverrideInput {
        closed: true,
        label: label.to_owned(),
        bands: Vec::new(),
    }
}

/// A distinct mobile number for the `n`th test caller.
pub fn phone(n: usize) -> String {
    format!("090-{:04}-{:04}", n / 10_000, n % 10_000)
}

impl TestApp {
    /// Sends a request with an optional bearer token and JSON body.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.expect("request sent")
    }

    /// Sends a typed body (a shared request DTO) with an optional bearer token.
    /// Adds `location` as the city administrator with `token`.
    pub async fn add_location(&self, token: &str, location: &LocationInput) -> reqwest::Response {
        self.send_json(
            reqwest::Method::POST,
            "/api/v1/locations",
            Some(token),
            location,
        )
        .await
    }

    pub async fn send_json<B: serde::Serialize + ?Sized>(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: &B,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request sent")
    }

    /// Books as `token` (a citizen without one); returns the raw response. Takes the typed
    /// request, or a `serde_json::Value` for a body a test breaks on purpose.
    pub async fn book<B: serde::Serialize + ?Sized>(
        &self,
        body: &B,
        token: Option<&str>,
    ) -> reqwest::Response {
        self.send_json(reqwest::Method::POST, "/api/v1/reservations", token, body)
            .await
    }

    /// Opens `date` at the main office with one band of `capacity` seats at `start`
    /// (a city staff action), replacing the day's usual bands.
    pub async fn open_band(
        &self,
        date: chrono::NaiveDate,
        start: &str,
        end: &str,
        capacity: u32,
        phone_quota: u32,
    ) {
        let city = self.token_for(StaffRole::CityStaff).await;
        let body = open_day("テスト枠", vec![band(start, end, capacity, phone_quota)]);
        let response = self
            .send_json(
                reqwest::Method::PUT,
                &format!("/api/v1/locations/{MAIN_OFFICE}/overrides/{date}"),
                Some(&city),
                &body,
            )
            .await;
        assert_eq!(response.status(), 200, "open the band");
    }

    /// The counters of the main office's slot at `date` `start`: (taken, capacity).
    pub async fn slot_counters(&self, date: chrono::NaiveDate, start: &str) -> (i32, i32) {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let start = hm(start);
        let slot = madoguchi_backend::db::slot::Entity::find()
            .filter(madoguchi_backend::db::slot::Column::LocationId.eq(MAIN_OFFICE))
            .filter(madoguchi_backend::db::slot::Column::Date.eq(date))
            .filter(madoguchi_backend::db::slot::Column::StartTime.eq(start))
            .one(&self.db)
            .await
            .expect("query")
            .expect("the slot exists");
        (slot.taken, slot.capacity)
    }

    /// Seats of booked reservations in a slot, summed from the reservation rows.
    pub async fn booked_seats(&self, date: chrono::NaiveDate, start: &str) -> i64 {
        let start = hm(start);
        let (sql, values) = match self.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => (
                "SELECT COALESCE(SUM(r.units), 0)::BIGINT AS seats FROM reservation r JOIN slot s ON s.id = r.slot_id \
                 WHERE r.status = 'booked' AND s.location_id = $1 AND s.date = $2 AND s.start_time = $3",
                vec![MAIN_OFFICE.into(), date.into(), start.into()],
            ),
            _ => (
                "SELECT COALESCE(SUM(r.units), 0) AS seats FROM reservation r JOIN slot s ON s.id = r.slot_id \
                 WHERE r.status = 'booked' AND s.location_id = ? AND s.date = ? AND s.start_time = ?",
                vec![MAIN_OFFICE.into(), date.into(), start.into()],
            ),
        };
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_sql_and_values(
                self.db.get_database_backend(),
                sql,
                values,
            ))
            .await
            .expect("query")
            .expect("a row");
        row.try_get::<i64>("", "seats").expect("seats")
    }
}

/// A real SMTP server for the test: aiosmtpd (PyPI) writing every mail it accepts into a
/// Maildir (`tests/support/smtp_sink.py`). `cargo xtask test` installs it.
pub struct SmtpSink {
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: std::path::PathBuf,
    child: std::process::Child,
}

/// How the test's SMTP server behaves.
#[derive(Clone, Copy, Debug, Default)]
pub struct SinkBehaviour {
    /// Seconds it takes to accept each message.
    pub delay_seconds: f64,
    /// Recipients containing this are refused permanently (550).
    pub reject: Option<&'static str>,
}

/// A free port on 127.0.0.1 (nobody listens on it once this returns).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

impl SmtpSink {
    /// Starts a prompt server on `port` that accepts everything.
    pub async fn start(port: u16) -> SmtpSink {
        Self::start_with(port, SinkBehaviour::default()).await
    }

    /// Starts the server on `port` and waits until it accepts connections.
    #[expect(
        clippy::zombie_processes,
        reason = "Drop kills the server and waits for it"
    )]
    pub async fn start_with(port: u16, behaviour: SinkBehaviour) -> SmtpSink {
        let dir = std::env::temp_dir().join(format!("madoguchi-mail-{}", Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("mail dir");
        let script =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
        let child = std::process::Command::new("python3")
            .arg(script)
            .args(["--port", &port.to_string(), "--maildir"])
            .arg(dir.join("maildir"))
            .args(["--delay", &behaviour.delay_seconds.to_string()])
            .args(["--reject", behaviour.reject.unwrap_or_default()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (pip install aiosmtpd; cargo xtask test does)");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return SmtpSink { port, dir, child };
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the SMTP sink did not start on port {port}");
    }

    /// `smtp://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every mail received so far, raw.
    pub fn received(&self) -> Vec<Vec<u8>> {
        let new = self.dir.join("maildir/new");
        let mut mails: Vec<Vec<u8>> = std::fs::read_dir(new)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|entry| std::fs::read(entry.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        mails.sort();
        mails
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The hard "todays" the date-sensitive tests run under: the days and minutes where a date
/// computed in the wrong zone, a window edge off by one, or a calendar rule left out shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HardDay {
    /// Fri 2026-12-25 10:00: the last Friday before the year-end closure (Dec 29 - Jan 3).
    FridayBeforeYearEnd,
    /// Thu 2026-12-31 10:00: inside the closure, the year about to turn.
    InsideYearEnd,
    /// Sun 2027-01-10 10:00: the day before 成人の日, a holiday Monday.
    BeforeHolidayMonday,
    /// Tue 2028-02-29 10:00: the last day of February in a leap year.
    LeapDay,
    /// Fri 2027-04-30 10:00: the last day of a month, with Golden Week ahead.
    MonthEnd,
    /// Wed 2027-03-03 16:59: a minute before booking for Fri 2027-03-05 closes.
    BeforeWindowCloses,
    /// Wed 2027-03-03 17:01: a minute after it closed.
    AfterWindowCloses,
    /// Wed 2027-03-03 23:59 (14:59 UTC): the last minute of a Japanese day.
    LastMinuteOfDay,
    /// Thu 2027-03-04 00:30 (Wed 15:30 UTC): Japan is already a day ahead of UTC.
    AfterMidnight,
}

impl HardDay {
    /// The instant, as Japan writes it.
    pub fn rfc3339(self) -> &'static str {
        match self {
            Self::FridayBeforeYearEnd => "2026-12-25T10:00:00+09:00",
            Self::InsideYearEnd => "2026-12-31T10:00:00+09:00",
            Self::BeforeHolidayMonday => "2027-01-10T10:00:00+09:00",
            Self::LeapDay => "2028-02-29T10:00:00+09:00",
            Self::MonthEnd => "2027-04-30T10:00:00+09:00",
            Self::BeforeWindowCloses => "2027-03-03T16:59:00+09:00",
            Self::AfterWindowCloses => "2027-03-03T17:01:00+09:00",
            Self::LastMinuteOfDay => "2027-03-03T23:59:00+09:00",
            Self::AfterMidnight => "2027-03-04T00:30:00+09:00",
        }
    }

    /// The instant.
    pub fn instant(self) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(self.rfc3339())
            .expect("an RFC 3339 instant")
            .with_timezone(&Utc)
    }
}

impl TestApp {
    /// Every slot whose seat counters differ from the sum of the units of its reservations
    /// that are not cancelled and of its holds (in all, and for the web), and every booked
    /// reservation whose units differ from its present members'. Empty when the ledger is
    /// true.
    pub async fn ledger_drift(&self) -> Vec<String> {
        ledger_drift(&self.db).await
    }
}

/// See [`TestApp::ledger_drift`].
pub async fn ledger_drift(db: &DatabaseConnection) -> Vec<String> {
    {
        use madoguchi_backend::db::{hold, reservation, reservation_member, slot};
        use sea_orm::EntityTrait;
        let slots = slot::Entity::find().all(db).await.expect("slots");
        let reservations = reservation::Entity::find()
            .all(db)
            .await
            .expect("reservations");
        let holds = hold::Entity::find().all(db).await.expect("holds");
        let members = reservation_member::Entity::find()
            .all(db)
            .await
            .expect("members");
        let mut drift = Vec::new();
        for slot in &slots {
            let booked = reservations
                .iter()
                .filter(|row| row.slot_id == slot.id && row.status != "cancelled");
            let held = holds.iter().filter(|row| row.slot_id == slot.id);
            let actual = (
                booked.clone().map(|row| i64::from(row.units)).sum::<i64>()
                    + held.clone().map(|row| i64::from(row.units)).sum::<i64>(),
                booked
                    .filter(|row| row.channel == "web")
                    .map(|row| i64::from(row.units))
                    .sum::<i64>()
                    + held
                        .filter(|row| row.channel == "web")
                        .map(|row| i64::from(row.units))
                        .sum::<i64>(),
            );
            let counted = (i64::from(slot.taken), i64::from(slot.taken_web));
            if counted != actual {
                drift.push(format!(
                    "slot {} on {} {}: counters {counted:?}, reservations and holds {actual:?}",
                    slot.id, slot.date, slot.start_time
                ));
            }
        }
        for row in reservations.iter().filter(|row| row.status == "booked") {
            let present: i32 = members
                .iter()
                .filter(|member| member.reservation_id == row.id && member.removed_at.is_none())
                .map(|member| member.units)
                .sum();
            if present != row.units {
                drift.push(format!(
                    "reservation {}: {} units, members {present}",
                    row.number, row.units
                ));
            }
        }
        drift
    }
}

/// A branch the city adds in tests (the demo catalog has five locations).
pub fn jigozen_office() -> LocationInput {
    LocationInput {
        code: "jigozen_office".to_owned(),
        name_ja: "地御前出張所".to_owned(),
        name_en: "Jigozen Office".to_owned(),
        address_ja: "広島県廿日市市地御前".to_owned(),
        active: true,
        sort_order: 60,
    }
}
