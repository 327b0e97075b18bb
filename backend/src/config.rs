//! Settings from environment variables, with documented defaults (see `.env.example`).
//!
//! The variable names are a public interface: operators and integrators script against them.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::time::TIME_ZONE_NAME;

use crate::client::TrustedProxies;
use crate::clock::Clock;

/// The secret used when none is configured. Fine on a developer's machine, refused in
/// production.
pub const DEVELOPMENT_JWT_SECRET: &str = "madoguchi-development-secret-never-use-in-production";
/// Shortest JWT secret accepted in production, in bytes (HS256 wants 256 bits).
pub const MIN_PRODUCTION_SECRET_BYTES: usize = 32;

/// Where the server runs; production refuses unsafe defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    /// A developer's machine or a test.
    Development,
    /// A real deployment.
    Production,
}

/// A secret that never shows in logs or `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself; call only where it is used.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A URL that may carry a password (`postgres://user:password@host/db`,
/// `smtps://user:password@relay`): `Debug` shows it with the password replaced.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionUrl(String);

impl ConnectionUrl {
    /// Wraps a URL.
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL itself, password included; only where the connection is made.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with any password replaced by `***`.
    pub fn redacted(&self) -> String {
        let Some((scheme, rest)) = self.0.split_once("://") else {
            return self.0.clone();
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        match authority.rsplit_once('@') {
            Some((user_info, host)) => {
                let user = user_info.split(':').next().unwrap_or_default();
                let shown = if user_info.contains(':') {
                    format!("{user}:***")
                } else {
                    user.to_owned()
                };
                format!("{scheme}://{shown}@{host}{tail}")
            }
            None => self.0.clone(),
        }
    }
}

impl fmt::Debug for ConnectionUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// A first administrator to create on start when no city admin exists yet.
#[derive(Clone, Debug)]
pub struct InitialAdmin {
    /// Login id of the account.
    pub login_id: String,
    /// Its password.
    pub password: Secret,
}

/// Every setting of the server.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `DATABASE_URL`: `sqlite://FILE?mode=rwc` or `postgres://...`.
    pub database_url: ConnectionUrl,
    /// `MADOGUCHI_DATABASE_SCHEMA`: PostgreSQL schema to use instead of `public`.
    pub database_schema: Option<String>,
    /// `MADOGUCHI_DATABASE_MAX_CONNECTIONS`: size of the connection pool (default 32, or 8
    /// for SQLite).
    pub database_max_connections: u32,
    /// `MADOGUCHI_BIND`: address and port to listen on.
    pub bind: String,
    /// `MADOGUCHI_ENV`: `development` or `production`.
    pub environment: Environment,
    /// `MADOGUCHI_JWT_SECRET`: HMAC key for staff tokens.
    pub jwt_secret: Secret,
    /// `MADOGUCHI_JWT_TTL_SECONDS`: lifetime of a staff token.
    pub jwt_ttl: Duration,
    /// `MADOGUCHI_LOGIN_MAX_FAILURES`: failed sign-ins before an account locks.
    pub login_max_failures: u32,
    /// `MADOGUCHI_LOGIN_LOCKOUT_SECONDS`: how long a login id stays locked for the client
    /// that failed.
    pub login_lockout: Duration,
    /// `MADOGUCHI_SIGN_INS_PER_CLIENT`: sign-in attempts one client may make per quarter
    /// hour, whatever the ids (default 30).
    pub sign_ins_per_client: u32,
    /// `MADOGUCHI_TWO_FACTOR_ROLES`: the roles that must sign in with an authenticator code,
    /// comma separated, or `none` (default `city_admin,city_staff`).
    pub two_factor_roles: Vec<StaffRole>,
    /// `MADOGUCHI_EXPORT_ROLES`: the roles that may export reservations in bulk (CSV, XLSX),
    /// comma separated (default `call_center_supervisor,city_staff,city_admin`).
    pub export_roles: Vec<StaffRole>,
    /// `MADOGUCHI_AUDIT_RETENTION_DAYS`: how long the audit trail is kept (default 1,825
    /// days, five years).
    pub audit_retention_days: u64,
    /// `MADOGUCHI_API_DOCS`: serve the interactive API documentation at `/api/docs`
    /// (default true; the spec at `/api/openapi.json` is always served).
    pub api_docs: bool,
    /// `MADOGUCHI_SMTP_URL`: e.g. `smtp://127.0.0.1:1025`; unset means mail is not sent.
    pub smtp_url: Option<ConnectionUrl>,
    /// `MADOGUCHI_SMTP_TIMEOUT_SECONDS`: the longest one send may take (default 30); a
    /// worker's claim on its mails lasts its batch's sends plus one.
    pub smtp_timeout: Duration,
    /// `MADOGUCHI_REMINDER_TIME`: when day-before reminders go out, Japan time (`HH:MM`).
    pub reminder_time: chrono::NaiveTime,
    /// `MADOGUCHI_RETENTION_DAYS`: personal data of a reservation is removed this many days
    /// after the visit (R13).
    pub retention_days: u64,
    /// `MADOGUCHI_TRUSTED_PROXIES`: the reverse proxies (addresses or networks, comma
    /// separated) whose `X-Forwarded-For` names the client; empty: the peer is the client.
    pub trusted_proxies: TrustedProxies,
    /// The per-client limits on citizens' holds and bookings.
    pub client_limits: ClientLimits,
    /// `MADOGUCHI_MAIL_FROM`: the sender of citizens' mails.
    pub mail_from: String,
    /// `MADOGUCHI_PUBLIC_URL`: the address citizens reach, used in links.
    pub public_url: String,
    /// `MADOGUCHI_STATIC_DIR`: the built SPA to serve at `/` (default `frontend/dist`);
    /// without an `index.html` there, only the API is served.
    pub static_dir: Option<PathBuf>,
    /// `MADOGUCHI_MANUAL_DIR`: the operation manuals (`docs/manual`), served as HTML under
    /// `/help/`.
    pub manual_dir: PathBuf,
    /// `MADOGUCHI_MIGRATE_ON_START`: run migrations when the server starts.
    pub migrate_on_start: bool,
    /// `MADOGUCHI_SEED_DEMO`: load the demo configuration when the catalog is empty.
    pub seed_demo: bool,
    /// `MADOGUCHI_INITIAL_ADMIN_LOGIN` + `MADOGUCHI_INITIAL_ADMIN_PASSWORD`.
    pub initial_admin: Option<InitialAdmin>,
    /// `MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT`: active reservations one phone number
    /// or email may hold across channels (0: no limit).
    pub max_active_reservations_per_contact: u32,
    /// `MADOGUCHI_CLOCK_START`: an RFC 3339 instant the server's clock starts at, running on
    /// from there, instead of the system time (development only: the browser tests set it so
    /// that every run sees the same days). Refused in production.
    pub clock_start: Option<chrono::DateTime<chrono::Utc>>,
}

/// A setting that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// A variable holds a value of the wrong form.
    #[error("{name}: {reason}")]
    Invalid {
        /// The variable.
        name: &'static str,
        /// What is wrong.
        reason: String,
    },
}

fn invalid(name: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        name,
        reason: reason.into(),
    }
}

impl Settings {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, which returns a variable's value if set.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        // Fail closed: only an explicit `development` relaxes the production rules.
        let environment = match get("MADOGUCHI_ENV").as_deref() {
            Some("development") => Environment::Development,
            None | Some("production") => Environment::Production,
            Some(other) => {
                return Err(invalid(
                    "MADOGUCHI_ENV",
                    format!("expected development or production, got {other:?}"),
                ));
            }
        };
        if let Some(zone) = get("MADOGUCHI_TIME_ZONE")
            && zone != TIME_ZONE_NAME
        {
            return Err(invalid(
                "MADOGUCHI_TIME_ZONE",
                format!("only {TIME_ZONE_NAME} is supported, got {zone:?}"),
            ));
        }
        let jwt_secret = Secret::new(
            get("MADOGUCHI_JWT_SECRET").unwrap_or_else(|| DEVELOPMENT_JWT_SECRET.to_owned()),
        );
        if environment == Environment::Production {
            if jwt_secret.expose() == DEVELOPMENT_JWT_SECRET {
                return Err(invalid(
                    "MADOGUCHI_JWT_SECRET",
                    "must be set in production (the development default is public); \
                     set MADOGUCHI_ENV=development on a developer's machine",
                ));
            }
            if jwt_secret.expose().len() < MIN_PRODUCTION_SECRET_BYTES {
                return Err(invalid(
                    "MADOGUCHI_JWT_SECRET",
                    format!("must be at least {MIN_PRODUCTION_SECRET_BYTES} bytes in production"),
                ));
            }
        }
        let initial_admin = match (
            get("MADOGUCHI_INITIAL_ADMIN_LOGIN"),
            get("MADOGUCHI_INITIAL_ADMIN_PASSWORD"),
        ) {
            (Some(login_id), Some(password)) => Some(InitialAdmin {
                login_id,
                password: Secret::new(password),
            }),
            (None, None) => None,
            _ => {
                return Err(invalid(
                    "MADOGUCHI_INITIAL_ADMIN_LOGIN",
                    "set both MADOGUCHI_INITIAL_ADMIN_LOGIN and MADOGUCHI_INITIAL_ADMIN_PASSWORD, or neither",
                ));
            }
        };
        if get("MADOGUCHI_TRUST_FORWARDED_FOR").is_some() {
            return Err(invalid(
                "MADOGUCHI_TRUST_FORWARDED_FOR",
                "replaced by MADOGUCHI_TRUSTED_PROXIES: list the proxies' addresses instead",
            ));
        }
        let clock_start = match get("MADOGUCHI_CLOCK_START") {
            None => None,
            Some(_) if environment == Environment::Production => {
                return Err(invalid(
                    "MADOGUCHI_CLOCK_START",
                    "a set clock is for development and tests only",
                ));
            }
            Some(text) => Some(
                chrono::DateTime::parse_from_rfc3339(text.trim())
                    .map_err(|_| {
                        invalid(
                            "MADOGUCHI_CLOCK_START",
                            format!("expected an RFC 3339 instant, got {text:?}"),
                        )
                    })?
                    .with_timezone(&chrono::Utc),
            ),
        };
        let public_url = get("MADOGUCHI_PUBLIC_URL")
            .unwrap_or_else(|| "http://127.0.0.1:8080".to_owned())
            .trim_end_matches('/')
            .to_owned();
        if environment == Environment::Production && !public_url.starts_with("https://") {
            return Err(invalid(
                "MADOGUCHI_PUBLIC_URL",
                format!(
                    "must be the https:// address citizens reach in production, got {public_url:?}"
                ),
            ));
        }
        let database_url =
            get("DATABASE_URL").unwrap_or_else(|| "sqlite://madoguchi.db?mode=rwc".to_owned());
        Ok(Self {
            database_url: ConnectionUrl::new(database_url.clone()),
            database_schema: get("MADOGUCHI_DATABASE_SCHEMA"),
            database_max_connections: u32::try_from(parse_number(
                &get,
                "MADOGUCHI_DATABASE_MAX_CONNECTIONS",
                default_pool_size(&database_url),
            )?)
            .ok()
            .filter(|size| *size > 0)
            .ok_or_else(|| invalid("MADOGUCHI_DATABASE_MAX_CONNECTIONS", "must be 1 or more"))?,
            bind: get("MADOGUCHI_BIND").unwrap_or_else(|| "127.0.0.1:8080".to_owned()),
            environment,
            jwt_secret,
            jwt_ttl: Duration::from_secs(
                Some(parse_number(&get, "MADOGUCHI_JWT_TTL_SECONDS", 3600)?)
                    .filter(|seconds| (60..=MAX_TOKEN_SECONDS).contains(seconds))
                    .ok_or_else(|| {
                        invalid(
                            "MADOGUCHI_JWT_TTL_SECONDS",
                            format!("must be from 60 to {MAX_TOKEN_SECONDS} (12 hours)"),
                        )
                    })?,
            ),
            login_max_failures: u32::try_from(parse_number(
                &get,
                "MADOGUCHI_LOGIN_MAX_FAILURES",
                5,
            )?)
            .map_err(|_| invalid("MADOGUCHI_LOGIN_MAX_FAILURES", "too large"))?,
            login_lockout: Duration::from_secs(parse_number(
                &get,
                "MADOGUCHI_LOGIN_LOCKOUT_SECONDS",
                900,
            )?),
            sign_ins_per_client: parse_u32(&get, "MADOGUCHI_SIGN_INS_PER_CLIENT", 30)?,
            two_factor_roles: parse_roles(
                &get,
                "MADOGUCHI_TWO_FACTOR_ROLES",
                &[StaffRole::CityAdmin, StaffRole::CityStaff],
            )?,
            export_roles: parse_roles(
                &get,
                "MADOGUCHI_EXPORT_ROLES",
                &[
                    StaffRole::CallCenterSupervisor,
                    StaffRole::CityStaff,
                    StaffRole::CityAdmin,
                ],
            )?,
            audit_retention_days: parse_number(&get, "MADOGUCHI_AUDIT_RETENTION_DAYS", 1825)?,
            api_docs: parse_flag(&get, "MADOGUCHI_API_DOCS", true)?,
            smtp_url: get("MADOGUCHI_SMTP_URL").map(ConnectionUrl::new),
            smtp_timeout: Duration::from_secs(
                parse_number(&get, "MADOGUCHI_SMTP_TIMEOUT_SECONDS", 30)?.clamp(1, 600),
            ),
            reminder_time: match get("MADOGUCHI_REMINDER_TIME") {
                None => chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
                Some(text) => {
                    chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
                        invalid(
                            "MADOGUCHI_REMINDER_TIME",
                            format!("expected HH:MM, got {text:?}"),
                        )
                    })?
                }
            },
            retention_days: parse_number(&get, "MADOGUCHI_RETENTION_DAYS", 365)?,
            trusted_proxies: TrustedProxies::parse(
                &get("MADOGUCHI_TRUSTED_PROXIES").unwrap_or_default(),
            )
            .map_err(|reason| invalid("MADOGUCHI_TRUSTED_PROXIES", reason))?,
            client_limits: ClientLimits {
                live_holds: parse_u32(&get, "MADOGUCHI_LIVE_HOLDS_PER_CLIENT", 10)?,
                holds_per_hour: parse_u32(&get, "MADOGUCHI_HOLDS_PER_CLIENT_PER_HOUR", 60)?,
                bookings_per_hour: parse_u32(&get, "MADOGUCHI_BOOKINGS_PER_CLIENT_PER_HOUR", 30)?,
            },
            mail_from: get("MADOGUCHI_MAIL_FROM").unwrap_or_else(|| {
                "Hatsukaichi City Madoguchi <noreply@madoguchi.invalid>".to_owned()
            }),
            public_url,
            static_dir: Some(PathBuf::from(
                get("MADOGUCHI_STATIC_DIR").unwrap_or_else(|| "frontend/dist".to_owned()),
            )),
            manual_dir: PathBuf::from(
                get("MADOGUCHI_MANUAL_DIR").unwrap_or_else(|| "docs/manual".to_owned()),
            ),
            migrate_on_start: parse_flag(&get, "MADOGUCHI_MIGRATE_ON_START", true)?,
            seed_demo: parse_flag(&get, "MADOGUCHI_SEED_DEMO", false)?,
            initial_admin,
            max_active_reservations_per_contact: u32::try_from(parse_number(
                &get,
                "MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT",
                1,
            )?)
            .map_err(|_| invalid("MADOGUCHI_MAX_ACTIVE_RESERVATIONS_PER_CONTACT", "too large"))?,
            clock_start,
        })
    }

    /// The clock these settings ask for: the system's, or in development one that starts at
    /// a chosen instant.
    pub fn clock(&self) -> Clock {
        self.clock_start
            .map_or_else(Clock::system, Clock::starting_at)
    }
}

/// SQLite has one writer and a page cache per connection: a few connections serve it best.
fn default_pool_size(database_url: &str) -> u64 {
    if database_url.starts_with("sqlite:") {
        8
    } else {
        32
    }
}

/// The longest a staff token may live: a working day.
const MAX_TOKEN_SECONDS: u64 = 12 * 60 * 60;

/// A comma-separated list of roles, or `none` for no role.
fn parse_roles(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: &[StaffRole],
) -> Result<Vec<StaffRole>, ConfigError> {
    let Some(text) = get(name) else {
        return Ok(default.to_vec());
    };
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    text.split(',')
        .map(str::trim)
        .filter(|role| !role.is_empty())
        .map(|role| {
            StaffRole::parse(role).ok_or_else(|| {
                invalid(
                    name,
                    format!(
                        "unknown role {role:?}; expected none or some of operator, call_center_supervisor, city_staff, city_admin"
                    ),
                )
            })
        })
        .collect()
}

fn parse_number(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u64,
) -> Result<u64, ConfigError> {
    match get(name) {
        None => Ok(default),
        Some(value) => value
            .trim()
            .parse()
            .map_err(|_| invalid(name, format!("expected a whole number, got {value:?}"))),
    }
}

fn parse_u32(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u32,
) -> Result<u32, ConfigError> {
    u32::try_from(parse_number(get, name, u64::from(default))?)
        .map_err(|_| invalid(name, "too large"))
}

fn parse_flag(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match get(name).as_deref().map(str::trim) {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(invalid(
            name,
            format!("expected true or false, got {other:?}"),
        )),
    }
}

/// What one client may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientLimits {
    /// Holds alive at once (`MADOGUCHI_LIVE_HOLDS_PER_CLIENT`).
    pub live_holds: u32,
    /// Holds made per hour (`MADOGUCHI_HOLDS_PER_CLIENT_PER_HOUR`).
    pub holds_per_hour: u32,
    /// Bookings made per hour (`MADOGUCHI_BOOKINGS_PER_CLIENT_PER_HOUR`).
    pub bookings_per_hour: u32,
}

impl Default for ClientLimits {
    fn default() -> Self {
        Self {
            live_holds: 10,
            holds_per_hour: 60,
            bookings_per_hour: 30,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Settings on a developer's machine: `development` unless the case says otherwise.
    fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let mut vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        vars.entry("MADOGUCHI_ENV".to_owned())
            .or_insert_with(|| "development".to_owned());
        Settings::from_lookup(|name| vars.get(name).cloned())
    }

    const STRONG_SECRET: &str = "0123456789abcdef0123456789abcdef-strong";

    #[test]
    fn defaults_give_a_local_sqlite_server_on_port_8080() {
        let settings = settings(&[]).expect("defaults are valid");
        assert_eq!(
            settings.database_url.expose(),
            "sqlite://madoguchi.db?mode=rwc"
        );
        assert_eq!(
            settings.database_max_connections, 8,
            "SQLite has one writer"
        );
        assert_eq!(settings.bind, "127.0.0.1:8080");
        assert_eq!(settings.environment, Environment::Development);
        assert!(settings.migrate_on_start);
        assert_eq!(settings.jwt_ttl, Duration::from_secs(3600));
    }

    #[test]
    fn r7_6_without_an_explicit_development_the_server_is_production_and_refuses_the_public_secret()
    {
        let unset = Settings::from_lookup(|_| None).expect_err("must refuse");
        assert!(
            unset.to_string().contains("MADOGUCHI_JWT_SECRET"),
            "{unset}"
        );
        let strong_but_http = Settings::from_lookup(|name| match name {
            "MADOGUCHI_JWT_SECRET" => Some(STRONG_SECRET.to_owned()),
            _ => None,
        })
        .expect_err("an http public URL in production");
        assert!(
            strong_but_http
                .to_string()
                .starts_with("MADOGUCHI_PUBLIC_URL"),
            "{strong_but_http}"
        );
        let production = Settings::from_lookup(|name| match name {
            "MADOGUCHI_JWT_SECRET" => Some(STRONG_SECRET.to_owned()),
            "MADOGUCHI_PUBLIC_URL" => Some("https://yoyaku.example.jp".to_owned()),
            _ => None,
        })
        .expect("a strong secret and an https address");
        assert_eq!(production.environment, Environment::Production);
    }

    #[test]
    fn passwords_in_database_and_smtp_urls_never_print() {
        let settings = settings(&[
            (
                "DATABASE_URL",
                "postgres://madoguchi:db-hunter2@db:5432/madoguchi",
            ),
            (
                "MADOGUCHI_SMTP_URL",
                "smtps://relay-user:smtp-hunter2@relay.example.jp",
            ),
        ])
        .expect("valid");
        let printed = format!("{settings:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(printed.contains("postgres://madoguchi:***@db:5432/madoguchi"));
        assert!(printed.contains("smtps://relay-user:***@relay.example.jp"));
    }

    #[test]
    fn production_refuses_the_default_secret() {
        let error = settings(&[("MADOGUCHI_ENV", "production")]).expect_err("must refuse");
        assert!(
            error.to_string().contains("MADOGUCHI_JWT_SECRET"),
            "{error}"
        );
    }

    #[test]
    fn production_refuses_a_short_secret() {
        let error = settings(&[
            ("MADOGUCHI_ENV", "production"),
            ("MADOGUCHI_JWT_SECRET", "short"),
        ])
        .expect_err("must refuse");
        assert!(error.to_string().contains("at least 32 bytes"), "{error}");
    }

    #[test]
    fn production_starts_with_a_strong_secret() {
        let settings = settings(&[
            ("MADOGUCHI_ENV", "production"),
            ("MADOGUCHI_JWT_SECRET", STRONG_SECRET),
            ("MADOGUCHI_PUBLIC_URL", "https://yoyaku.example.jp/"),
        ])
        .expect("strong secret accepted");
        assert_eq!(settings.public_url, "https://yoyaku.example.jp");
        assert_eq!(settings.environment, Environment::Production);
    }

    #[test]
    fn only_japan_time_is_accepted() {
        assert!(settings(&[("MADOGUCHI_TIME_ZONE", "Asia/Tokyo")]).is_ok());
        assert!(settings(&[("MADOGUCHI_TIME_ZONE", "Europe/Paris")]).is_err());
    }

    #[test]
    fn an_initial_admin_needs_both_login_and_password() {
        assert!(settings(&[("MADOGUCHI_INITIAL_ADMIN_LOGIN", "admin")]).is_err());
        let settings = settings(&[
            ("MADOGUCHI_INITIAL_ADMIN_LOGIN", "admin"),
            ("MADOGUCHI_INITIAL_ADMIN_PASSWORD", "a long enough password"),
        ])
        .expect("both given");
        assert_eq!(
            settings.initial_admin.map(|a| a.login_id).as_deref(),
            Some("admin")
        );
    }

    #[test]
    fn malformed_numbers_and_flags_name_the_variable() {
        let error = settings(&[("MADOGUCHI_JWT_TTL_SECONDS", "soon")]).expect_err("bad number");
        assert!(
            error.to_string().starts_with("MADOGUCHI_JWT_TTL_SECONDS"),
            "{error}"
        );
        let error = settings(&[("MADOGUCHI_MIGRATE_ON_START", "maybe")]).expect_err("bad flag");
        assert!(
            error.to_string().starts_with("MADOGUCHI_MIGRATE_ON_START"),
            "{error}"
        );
    }

    #[test]
    fn a_set_clock_is_for_development_only() {
        let set = settings(&[("MADOGUCHI_CLOCK_START", "2026-12-25T10:00:00+09:00")])
            .expect("development may set the clock");
        assert_eq!(
            set.clock().today(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 25).expect("date")
        );
        assert!(set.clock().is_set());
        assert!(!settings(&[]).expect("defaults").clock().is_set());
        let error = settings(&[
            ("MADOGUCHI_ENV", "production"),
            ("MADOGUCHI_JWT_SECRET", STRONG_SECRET),
            ("MADOGUCHI_PUBLIC_URL", "https://yoyaku.example.jp"),
            ("MADOGUCHI_CLOCK_START", "2026-12-25T10:00:00+09:00"),
        ])
        .expect_err("production refuses a set clock");
        assert!(
            error.to_string().starts_with("MADOGUCHI_CLOCK_START"),
            "{error}"
        );
        assert!(settings(&[("MADOGUCHI_CLOCK_START", "tomorrow")]).is_err());
    }

    #[test]
    fn secrets_never_print() {
        let settings = settings(&[("MADOGUCHI_JWT_SECRET", "hunter2-hunter2")]).expect("valid");
        assert!(!format!("{settings:?}").contains("hunter2"));
    }

    #[test]
    fn r7_6_two_factor_is_required_of_the_city_by_default_and_configurable_by_role() {
        let defaults = settings(&[]).expect("valid");
        assert_eq!(
            defaults.two_factor_roles,
            vec![StaffRole::CityAdmin, StaffRole::CityStaff]
        );
        let off = settings(&[("MADOGUCHI_TWO_FACTOR_ROLES", "none")]).expect("valid");
        assert!(off.two_factor_roles.is_empty());
        let all = settings(&[(
            "MADOGUCHI_TWO_FACTOR_ROLES",
            "operator, call_center_supervisor,city_staff,city_admin",
        )])
        .expect("valid");
        assert_eq!(all.two_factor_roles.len(), 4);
        let typo = settings(&[("MADOGUCHI_TWO_FACTOR_ROLES", "city_admins")])
            .expect_err("an unknown role");
        assert!(typo.to_string().starts_with("MADOGUCHI_TWO_FACTOR_ROLES"));
    }

    #[test]
    fn r13_1_bulk_export_is_for_supervisors_and_the_city_unless_granted() {
        let defaults = settings(&[]).expect("valid");
        assert!(!defaults.export_roles.contains(&StaffRole::Operator));
        assert!(
            defaults
                .export_roles
                .contains(&StaffRole::CallCenterSupervisor)
        );
        let granted =
            settings(&[("MADOGUCHI_EXPORT_ROLES", "operator,city_admin")]).expect("valid");
        assert_eq!(
            granted.export_roles,
            vec![StaffRole::Operator, StaffRole::CityAdmin]
        );
    }

    #[test]
    fn r7_6_a_staff_token_lives_at_most_twelve_hours() {
        assert_eq!(
            settings(&[("MADOGUCHI_JWT_TTL_SECONDS", "43200")])
                .expect("valid")
                .jwt_ttl,
            Duration::from_secs(43_200)
        );
        for refused in ["43201", "86400", "0", "59"] {
            let error = settings(&[("MADOGUCHI_JWT_TTL_SECONDS", refused)])
                .expect_err("outside 60 s to 12 h");
            assert!(error.to_string().starts_with("MADOGUCHI_JWT_TTL_SECONDS"));
        }
    }
}
