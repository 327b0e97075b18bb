//! The `madoguchi` command: serve, migrate, seed the demo, create an admin, print the spec.

use std::io::Write;

use anyhow::Context;
use clap::{Parser, Subcommand};
use madoguchi_backend::config::Settings;
use madoguchi_backend::startup::{Application, prepare_database};
use madoguchi_backend::{db, openapi, service, telemetry};
use madoguchi_shared::dto::staff::CreateStaffRequest;
use madoguchi_shared::dto::staff::StaffRole;
use rand::distr::{Alphanumeric, SampleString};

/// madoguchi: appointment booking for a city's My Number Card counter.
/// Settings come from environment variables (see .env.example).
#[derive(Debug, Parser)]
#[command(name = "madoguchi", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API, the API docs and the SPA.
    Serve {
        /// Do not apply pending migrations on start (overrides MADOGUCHI_MIGRATE_ON_START).
        #[arg(long)]
        no_migrate: bool,
        /// Load the demo configuration if the catalog is empty (same as MADOGUCHI_SEED_DEMO=true).
        #[arg(long)]
        seed_demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo configuration (procedures, locations) into an empty catalog and exit.
    SeedDemo,
    /// Create a city administrator account. The password comes from
    /// MADOGUCHI_ADMIN_PASSWORD; without it a random one is generated and printed once.
    CreateAdmin {
        /// Login id of the new account.
        #[arg(long, default_value = "admin")]
        login_id: String,
        /// Name shown in menus and history.
        #[arg(long, default_value = "管理者 (Administrator)")]
        display_name: String,
    },
    /// Print the OpenAPI spec as JSON.
    Openapi,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        return print(&openapi::spec_json()?);
    }
    telemetry::init();
    let mut settings = Settings::from_env().context("invalid configuration")?;
    match cli.command {
        Command::Serve {
            no_migrate,
            seed_demo,
        } => {
            settings.migrate_on_start &= !no_migrate;
            settings.seed_demo |= seed_demo;
            let application = Application::build(settings.clone()).await?;
            application.spawn_hold_sweeper();
            application
                .spawn_scheduler(madoguchi_backend::jobs::Schedule {
                    reminder_time: settings.reminder_time,
                    retention_days: settings.retention_days,
                    audit_retention_days: settings.audit_retention_days,
                })
                .await?;
            match &settings.smtp_url {
                Some(smtp_url) => application.spawn_mail_worker(
                    smtp_url.expose(),
                    &settings.mail_from,
                    &settings.public_url,
                    settings.smtp_timeout,
                )?,
                None => tracing::warn!("MADOGUCHI_SMTP_URL is not set: mails wait in the outbox"),
            }
            tracing::info!(bind = %settings.bind, port = application.port(), "madoguchi is serving");
            application.run_until_stopped().await?;
        }
        Command::Migrate => {
            let db = db::connect(&settings).await?;
            db::migrate(&db).await?;
            tracing::info!("migrations applied");
        }
        Command::SeedDemo => {
            settings.seed_demo = false;
            let clock = settings.clock();
            let db = prepare_database(&settings, &clock).await?;
            let seeded = service::catalog::seed_demo(&db, clock.now()).await?;
            tracing::info!(seeded, "demo configuration checked");
        }
        Command::CreateAdmin {
            login_id,
            display_name,
        } => {
            let clock = settings.clock();
            let db = prepare_database(&settings, &clock).await?;
            let (password, generated) = match std::env::var("MADOGUCHI_ADMIN_PASSWORD") {
                Ok(password) if !password.is_empty() => (password, false),
                _ => (Alphanumeric.sample_string(&mut rand::rng(), 20), true),
            };
            let request = CreateStaffRequest {
                login_id,
                display_name,
                role: StaffRole::CityAdmin,
                password: password.clone(),
            };
            let account = service::staff::create(
                &db,
                &madoguchi_backend::auth::password::Hasher::for_this_machine(),
                request,
                None,
                clock.now(),
            )
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))?;
            print(&format!(
                "created city administrator {:?}\n",
                account.login_id
            ))?;
            if generated {
                print(&format!(
                    "password (shown once, change it after signing in): {password}\n"
                ))?;
            }
        }
        Command::Openapi => unreachable!("handled before reading settings"),
    }
    Ok(())
}

/// Writes command output to stdout (logs go to stderr).
fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}
