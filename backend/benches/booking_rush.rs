//! Load benchmark (not a test): `cargo bench -p madoguchi-backend --bench booking_rush`.
//!
//! Starts the real `madoguchi` binary on PostgreSQL (127.0.0.1:5432, a fresh schema of
//! database `test`) and on a fresh SQLite file, and drives it over HTTP from this process:
//!
//! 1. the month calendar read by 64 concurrent connections for a few seconds;
//! 2. a booking rush: 200 clients racing for 5 bands of 6 seats;
//! 3. a booking rush: 200 clients booking across 1,000 bands of 6 seats.
//!
//! It prints requests/s, p50/p99 latency, successes, refusals, the overbooking count (seats
//! booked beyond capacity, counted from the reservations themselves: must be 0) and the
//! server's peak memory. Client and server share this machine's cores.
//!
//! Everything a production server does is switched on: each rush client connects from its
//! own loopback address (127.0.x.y), so the per-client limits count it as the citizen it
//! plays; one booking per phone number; holds, the seat ledger's locks, the outbox.

#![expect(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::process::Child;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use futures::future::join_all;
use serde_json::{Value, json};

const ADMIN_LOGIN: &str = "bench-admin";
const ADMIN_PASSWORD: &str = "bench admin password";
const CALENDAR_CONNECTIONS: usize = 64;
const CALENDAR_SECONDS: u64 = 5;
const RUSH_CLIENTS: usize = 200;
const SEATS_PER_BAND: u32 = 6;

mod support;

use support::{BenchResult, POSTGRES_URL};

struct Server {
    child: Child,
    base: String,
    client: reqwest::Client,
    token: String,
    today: NaiveDate,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    async fn start(database_url: &str, schema: Option<&str>) -> BenchResult<Self> {
        let mut env = vec![
            ("DATABASE_URL", database_url),
            ("MADOGUCHI_INITIAL_ADMIN_LOGIN", ADMIN_LOGIN),
            ("MADOGUCHI_INITIAL_ADMIN_PASSWORD", ADMIN_PASSWORD),
            // The administrator sets up the bench days with a password alone; two-factor
            // sign-in is measured by the sign-in flood bench.
            ("MADOGUCHI_TWO_FACTOR_ROLES", "none"),
        ];
        if let Some(schema) = schema {
            env.push(("MADOGUCHI_DATABASE_SCHEMA", schema));
        }
        let (child, base) = support::start_madoguchi(&env).await?;
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .build()?;
        let login: Value = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"login_id": ADMIN_LOGIN, "password": ADMIN_PASSWORD}))
            .send()
            .await?
            .json()
            .await?;
        let token = login["access_token"].as_str().ok_or("no token")?.to_owned();
        let time: Value = client
            .get(format!("{base}/api/v1/time"))
            .send()
            .await?
            .json()
            .await?;
        let today = time["today"]
            .as_str()
            .ok_or("no today")?
            .parse::<NaiveDate>()?;
        Ok(Self {
            child,
            base,
            client,
            token,
            today,
        })
    }

    /// Peak resident memory of the server process, in MiB.
    fn peak_memory_mib(&self) -> f64 {
        support::memory_mib(self.child.id(), "VmHWM:")
    }

    /// Opens `date` at the main office with `bands` bands of 6 seats (all for the web).
    async fn open_day(&self, date: NaiveDate, bands: u32) -> BenchResult<Vec<String>> {
        let starts: Vec<String> = (0..bands)
            .map(|i| {
                let minutes = 8 * 60 + i * 10;
                format!("{:02}:{:02}", minutes / 60, minutes % 60)
            })
            .collect();
        let body = json!({
            "closed": false,
            "label": "bench",
            "bands": starts.iter().map(|start| {
                let (h, m): (u32, u32) = (start[..2].parse().unwrap_or(8), start[3..].parse().unwrap_or(0));
                let end = h * 60 + m + 10;
                json!({"start": start, "end": format!("{:02}:{:02}", end / 60, end % 60), "capacity": SEATS_PER_BAND, "phone_quota": 0})
            }).collect::<Vec<_>>()
        });
        let response = self
            .client
            .put(format!("{}/api/v1/locations/1/overrides/{date}", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(format!("opening {date} failed: {}", response.text().await?).into());
        }
        Ok(starts)
    }

    /// Seats booked beyond capacity on `date`, counted from the reservations.
    async fn overbooked_seats(&self, date: NaiveDate) -> BenchResult<u64> {
        let reservations: Vec<Value> = self
            .client
            .get(format!(
                "{}/api/v1/reservations?date={date}&status=booked&limit=1000",
                self.base
            ))
            .bearer_auth(&self.token)
            .send()
            .await?
            .json()
            .await?;
        let mut per_band = std::collections::HashMap::<String, u64>::new();
        for reservation in reservations {
            let seats = reservation["members"].as_array().map_or(0, Vec::len) as u64;
            *per_band
                .entry(reservation["start"].as_str().unwrap_or_default().to_owned())
                .or_default() += seats;
        }
        Ok(per_band
            .values()
            .map(|seats| seats.saturating_sub(u64::from(SEATS_PER_BAND)))
            .sum())
    }
}

#[derive(Default)]
struct Figures {
    latencies: Vec<Duration>,
    successes: usize,
    refusals: usize,
    errors: usize,
}

impl Figures {
    fn print(&self, label: &str, elapsed: Duration) {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let at = |q: f64| {
            sorted
                .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or_default()
        };
        let requests = sorted.len() as f64 / elapsed.as_secs_f64();
        println!(
            "  {label:<34} {:>6} req {:>8.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  ok {:>5} ({:>6.0}/s)  refused {:>5}  errors {}",
            sorted.len(),
            requests,
            at(0.5).as_secs_f64() * 1000.0,
            at(0.99).as_secs_f64() * 1000.0,
            self.successes,
            self.successes as f64 / elapsed.as_secs_f64(),
            self.refusals,
            self.errors,
        );
    }
}

async fn calendar_read(server: &Server) -> BenchResult {
    let month = server.today.checked_add_days(Days::new(20)).ok_or("date")?;
    let url = format!(
        "{}/api/v1/locations/1/availability?month={}",
        server.base,
        month.format("%Y-%m")
    );
    let deadline = Instant::now() + Duration::from_secs(CALENDAR_SECONDS);
    let started = Instant::now();
    let workers = (0..CALENDAR_CONNECTIONS).map(|_| {
        let client = server.client.clone();
        let url = url.clone();
        tokio::spawn(async move {
            let mut figures = Figures::default();
            while Instant::now() < deadline {
                let sent = Instant::now();
                match client.get(&url).send().await {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                        figures.successes += 1;
                    }
                    _ => figures.errors += 1,
                }
                figures.latencies.push(sent.elapsed());
            }
            figures
        })
    });
    let mut total = Figures::default();
    for figures in join_all(workers).await.into_iter().flatten() {
        total.latencies.extend(figures.latencies);
        total.successes += figures.successes;
        total.errors += figures.errors;
    }
    total.print(
        &format!("month calendar, {CALENDAR_CONNECTIONS} connections"),
        started.elapsed(),
    );
    Ok(())
}

/// `RUSH_CLIENTS` clients book one seat each, `attempts` times in all, on random bands.
async fn booking_rush(
    server: &Server,
    label: &str,
    bands: &[(NaiveDate, String)],
    attempts: usize,
) -> BenchResult {
    let next = Arc::new(AtomicUsize::new(0));
    let bands = Arc::new(bands.to_vec());
    let started = Instant::now();
    let clients = (0..RUSH_CLIENTS).map(|index| {
        // Each client its own citizen: its own loopback address.
        let address = std::net::Ipv4Addr::new(
            127,
            1,
            u8::try_from(index / 250).unwrap_or(u8::MAX),
            u8::try_from(index % 250 + 1).unwrap_or(u8::MAX),
        );
        let client = reqwest::Client::builder()
            .local_address(std::net::IpAddr::V4(address))
            .build()
            .unwrap_or_else(|_| server.client.clone());
        let base = server.base.clone();
        let next = Arc::clone(&next);
        let bands = Arc::clone(&bands);
        tokio::spawn(async move {
            let mut figures = Figures::default();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= attempts {
                    break;
                }
                let (date, start) = &bands[(n.wrapping_mul(2_654_435_761)) % bands.len()];
                let body = json!({
                    "location_id": 1,
                    "date": date,
                    "start": start,
                    "members": [{"name": "負荷 試験", "procedure_id": 1}],
                    "contact": {
                        "name": "負荷 試験",
                        "name_kana": "フカ シケン",
                        "phone": format!("090-{:04}-{:04}", n / 10_000, n % 10_000),
                        "birth_date": "1980-01-01"
                    }
                });
                let sent = Instant::now();
                match client
                    .post(format!("{base}/api/v1/reservations"))
                    .json(&body)
                    .send()
                    .await
                {
                    Ok(response) if response.status().as_u16() == 201 => figures.successes += 1,
                    Ok(response) if response.status().as_u16() == 409 => figures.refusals += 1,
                    _ => figures.errors += 1,
                }
                figures.latencies.push(sent.elapsed());
            }
            figures
        })
    });
    let mut total = Figures::default();
    for figures in join_all(clients).await.into_iter().flatten() {
        total.latencies.extend(figures.latencies);
        total.successes += figures.successes;
        total.refusals += figures.refusals;
        total.errors += figures.errors;
    }
    let elapsed = started.elapsed();
    total.print(label, elapsed);
    let mut dates: Vec<NaiveDate> = bands.iter().map(|(date, _)| *date).collect();
    dates.dedup();
    let mut overbooked = 0;
    for date in dates {
        overbooked += server.overbooked_seats(date).await?;
    }
    println!("  {:<34} overbooked seats: {overbooked}", "");
    if overbooked > 0 {
        return Err("OVERBOOKED".into());
    }
    Ok(())
}

/// The monthly report (R9.2) over the month holding `day`, computed `REPORT_RUNS` times one
/// after the other: its latency with the rush's reservations in the database.
async fn monthly_report(server: &Server, day: NaiveDate) -> BenchResult {
    const REPORT_RUNS: usize = 20;
    let url = format!(
        "{}/api/v1/reports/monthly?month={}",
        server.base,
        day.format("%Y-%m")
    );
    let mut figures = Figures::default();
    let mut people = 0;
    let started = Instant::now();
    for _ in 0..REPORT_RUNS {
        let sent = Instant::now();
        let response = server
            .client
            .get(&url)
            .bearer_auth(&server.token)
            .send()
            .await?;
        if response.status().is_success() {
            let report: serde_json::Value = response.json().await?;
            people = report["locations"].as_array().map_or(0, |places| {
                places
                    .iter()
                    .filter_map(|place| place["totals"]["people_booked"].as_u64())
                    .sum::<u64>()
            });
            figures.successes += 1;
        } else {
            figures.errors += 1;
        }
        figures.latencies.push(sent.elapsed());
    }
    figures.print("monthly report (all locations)", started.elapsed());
    println!("  {:<34} people booked in the month: {people}", "");
    Ok(())
}

fn first_days(today: NaiveDate, count: usize, from_days_ahead: u64) -> Vec<NaiveDate> {
    (0..count as u64)
        .filter_map(|i| today.checked_add_days(Days::new(from_days_ahead + i)))
        .collect()
}

async fn run(label: &str, server: Server) -> BenchResult {
    println!("{label}");
    calendar_read(&server).await?;

    let rush_day = first_days(server.today, 1, 5)[0];
    let starts = server.open_day(rush_day, 5).await?;
    let five: Vec<(NaiveDate, String)> =
        starts.into_iter().map(|start| (rush_day, start)).collect();
    booking_rush(
        &server,
        "rush: 200 clients, 5 bands x 6",
        &five,
        RUSH_CLIENTS,
    )
    .await?;

    let mut thousand = Vec::new();
    for date in first_days(server.today, 25, 7) {
        let starts = server.open_day(date, 40).await?;
        thousand.extend(starts.into_iter().map(|start| (date, start)));
    }
    booking_rush(
        &server,
        "rush: 200 clients, 1000 bands x 6",
        &thousand,
        4000,
    )
    .await?;
    println!(
        "  {:<34} server peak memory before the report: {:.1} MiB",
        "",
        server.peak_memory_mib()
    );
    monthly_report(&server, first_days(server.today, 1, 19)[0]).await?;
    println!(
        "  {:<34} server peak memory: {:.1} MiB",
        "",
        server.peak_memory_mib()
    );
    Ok(())
}

fn main() -> BenchResult {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        support::with_fresh_schema(async |schema| {
            let server = Server::start(POSTGRES_URL, Some(&schema)).await?;
            run("PostgreSQL", server).await
        })
        .await?;

        let file = std::env::temp_dir().join(format!(
            "madoguchi-bench-{}.db",
            uuid::Uuid::new_v4().simple()
        ));
        let server = Server::start(&format!("sqlite://{}?mode=rwc", file.display()), None).await?;
        let outcome = run("SQLite (WAL, synchronous=FULL)", server).await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
        outcome
    })
}
