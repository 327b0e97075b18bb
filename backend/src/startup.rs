//! Builds the application. `main` and the integration tests use the same function, so the
//! tests exercise the server that ships.

use std::net::TcpListener;
use std::path::PathBuf;

use actix_web::dev::{Server, ServiceRequest, fn_service};
use actix_web::middleware::{Compress, DefaultHeaders, ErrorHandlers, from_fn};
use actix_web::{App, HttpServer, web};
use sea_orm::DatabaseConnection;
use tracing_actix_web::TracingLogger;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::api::error;
use crate::api::input_guard::JSON_BODY_LIMIT;
use crate::api::state::AppState;
use crate::auth::TokenKeys;
use crate::auth::password::Hasher;
use crate::clock::Clock;
use crate::config::Settings;
use crate::mail::Notifier;
use crate::mail::worker::OutboxWorker;
use crate::service::auth::SignInPolicy;
use crate::service::booking::BookingLimits;
use crate::service::settings_cache::SettingsCache;
use crate::telemetry::RequestSpan;
use crate::{api, db, help, jobs, openapi, service, spa};

/// What the browser may do with every answer. Camera, microphone, location, payment and
/// the like are switched off: no screen of madoguchi needs them.
const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
     magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

/// HTTP Strict Transport Security for two years, when citizens reach the server over
/// https: a browser that saw it never falls back to http.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

fn security_headers(strict_transport: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Permissions-Policy", PERMISSIONS_POLICY));
    if strict_transport {
        headers.add(("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY))
    } else {
        headers
    }
}

/// A built server, bound to its port, not yet running.
pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
    clock: Clock,
    notifier: Notifier,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

/// Connects to the database and brings it up to date as the settings ask: migrations,
/// demo data (its special openings placed from `clock`'s today), the first administrator.
pub async fn prepare_database(
    settings: &Settings,
    clock: &Clock,
) -> anyhow::Result<DatabaseConnection> {
    let db = db::connect(settings).await?;
    if settings.migrate_on_start {
        db::migrate(&db).await?;
    }
    if settings.seed_demo && service::catalog::seed_demo(&db, clock.now()).await? {
        tracing::info!("demo configuration loaded");
    }
    if let Some(admin) = &settings.initial_admin
        && service::staff::ensure_initial_admin(&db, admin, clock.now()).await?
    {
        tracing::info!(login_id = %admin.login_id, "initial administrator created");
    }
    Ok(db)
}

impl Application {
    /// Prepares the database and binds the configured address (port 0 picks a free port).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let clock = settings.clock();
        if clock.is_set() {
            tracing::warn!(now = %clock.now(), "the clock was set (MADOGUCHI_CLOCK_START)");
        }
        let db = prepare_database(&settings, &clock).await?;
        let listener = TcpListener::bind(&settings.bind)?;
        Self::with_parts(&settings, db, listener, clock)
    }

    /// Builds the server on an existing connection and listener, telling time by `clock`.
    pub fn with_parts(
        settings: &Settings,
        db: DatabaseConnection,
        listener: TcpListener,
        clock: Clock,
    ) -> anyhow::Result<Self> {
        let port = listener.local_addr()?.port();
        let tokens = TokenKeys::new(&settings.jwt_secret, settings.jwt_ttl, clock.clone());
        let notifier = Notifier::new(tokens.clone(), settings.public_url.clone(), clock.clone());
        let state = web::Data::new(AppState {
            db: db.clone(),
            clock: clock.clone(),
            tokens: tokens.clone(),
            sign_in: SignInPolicy {
                max_failures: settings.login_max_failures,
                lockout: settings.login_lockout,
                attempts_per_client: settings.sign_ins_per_client,
                two_factor_roles: settings.two_factor_roles.clone(),
            },
            hasher: Hasher::for_this_machine(),
            export_roles: settings.export_roles.clone(),
            limits: BookingLimits {
                max_active_per_contact: settings.max_active_reservations_per_contact,
                per_client: settings.client_limits,
            },
            public_url: settings.public_url.clone(),
            settings_cache: SettingsCache::default(),
            trusted_proxies: settings.trusted_proxies.clone(),
            client_salt: {
                use sha2::Digest;
                sha2::Sha256::digest(
                    format!("client-key-salt:{}", settings.jwt_secret.expose()).as_bytes(),
                )
                .to_vec()
            },
            notifier: notifier.clone(),
        });
        let static_dir = settings.static_dir.clone().filter(|dir| {
            let present = dir.join("index.html").is_file();
            if !present {
                tracing::warn!(dir = %dir.display(), "no built SPA found; serving the API only");
            }
            present
        });
        let spec = openapi::spec();
        let api_docs = settings.api_docs;
        let strict_transport = settings.public_url.starts_with("https://");
        let manual_dir = settings.manual_dir.clone();
        let server = HttpServer::new(move || {
            let (app, _) = App::new()
                .into_utoipa_app()
                .configure(api::routes)
                .split_for_parts();
            let static_dir: Option<PathBuf> = static_dir.clone();
            let manual_dir = manual_dir.clone();
            app.app_data(state.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(JSON_BODY_LIMIT)
                        .error_handler(error::json_error),
                )
                .app_data(web::QueryConfig::default().error_handler(error::query_error))
                .app_data(web::PathConfig::default().error_handler(error::path_error))
                .configure(|config| {
                    if api_docs {
                        config
                            .service(web::redirect("/api/docs", "/api/docs/"))
                            .service(
                                SwaggerUi::new("/api/docs/{_:.*}")
                                    .url("/api/openapi.json", spec.clone()),
                            );
                    } else {
                        config.service(openapi::serve_spec(spec.clone()));
                    }
                })
                .configure(|config| help::configure(config, &manual_dir))
                .configure(|config| spa::configure(config, static_dir.as_deref()))
                .default_service(fn_service(|request: ServiceRequest| {
                    spa::fallback(request, None)
                }))
                .wrap(from_fn(api::settings_trail::record_settings_changes))
                .wrap(from_fn(api::panics::answer_panics))
                .wrap(from_fn(api::input_guard::refuse_unstorable_input))
                .wrap(ErrorHandlers::new().default_handler(error::ensure_problem_body))
                .wrap(from_fn(spa::headers))
                .wrap(Compress::default())
                .wrap(security_headers(strict_transport))
                .wrap(TracingLogger::<RequestSpan>::new())
        })
        .listen(listener)?
        .run();
        Ok(Self {
            port,
            server,
            db,
            clock,
            notifier,
        })
    }

    /// Gives back the seats of expired holds every 30 seconds (see `jobs::sweeper`).
    pub fn spawn_hold_sweeper(&self) {
        jobs::sweeper::spawn(self.db.clone(), self.clock.clone());
    }

    /// Delivers the outbox through `smtp_url` every few seconds.
    pub fn spawn_mail_worker(
        &self,
        smtp_url: &str,
        from: &str,
        public_url: &str,
        send_timeout: std::time::Duration,
    ) -> anyhow::Result<()> {
        OutboxWorker::new(
            self.db.clone(),
            smtp_url,
            from,
            public_url,
            self.clock.clone(),
        )?
        .with_send_timeout(send_timeout)
        .spawn(std::time::Duration::from_secs(5));
        Ok(())
    }

    /// Starts the scheduled jobs (see `jobs::schedule::spawn`).
    pub async fn spawn_scheduler(&self, schedule: jobs::Schedule) -> anyhow::Result<()> {
        jobs::schedule::spawn(
            self.db.clone(),
            self.clock.clone(),
            self.notifier.clone(),
            schedule,
        )
        .await
    }

    /// The application's clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the process is told to stop.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
