//! Sign-in flood benchmark (not a test): `cargo bench -p madoguchi-backend --bench sign_in_flood`.
//!
//! Starts the real `madoguchi` binary on PostgreSQL (a fresh schema of database `test`) with
//! its production sign-in rules and sends 2,000 concurrent sign-ins with random login ids,
//! twice: from one client, and from 2,000 clients (each its own loopback address, so the
//! per-client allowance does not stop them and the password hashing gate must). Meanwhile a
//! probe asks `/healthz` every 20 ms. It prints the answers by status, the flood's duration,
//! the `/healthz` p50/p99 during it, and the server's peak memory (VmHWM).

#![expect(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::collections::BTreeMap;
use std::process::Child;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use futures::future::join_all;
use serde_json::json;

const SIGN_INS: usize = 2_000;

mod support;

use support::{BenchResult, POSTGRES_URL};

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    async fn start(schema: &str) -> BenchResult<Self> {
        let (child, base) = support::start_madoguchi(&[
            ("DATABASE_URL", POSTGRES_URL),
            ("MADOGUCHI_DATABASE_SCHEMA", schema),
        ])
        .await?;
        Ok(Self { child, base })
    }

    /// A memory figure of the server process, in MiB.
    fn memory_mib(&self, field: &str) -> f64 {
        support::memory_mib(self.child.id(), field)
    }
}

fn quantile(sorted: &[Duration], q: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
        .copied()
        .unwrap_or_default()
        .as_secs_f64()
        * 1000.0
}

/// 2,000 sign-ins at once with random ids; `distinct_clients` gives each its own address.
async fn flood(server: &Server, label: &str, distinct_clients: bool) -> BenchResult {
    let probing = Arc::new(AtomicBool::new(true));
    let probe = tokio::spawn({
        let (probing, url) = (Arc::clone(&probing), format!("{}/healthz", server.base));
        async move {
            let client = reqwest::Client::new();
            let mut latencies = Vec::new();
            while probing.load(Ordering::Relaxed) {
                let started = Instant::now();
                if client.get(&url).send().await.is_ok() {
                    latencies.push(started.elapsed());
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            latencies
        }
    });
    let shared = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()?;
    let started = Instant::now();
    let attempts = (0..SIGN_INS).map(|i| {
        let client = if distinct_clients {
            // 127.0.x.y: every attempt is another client.
            let address = std::net::Ipv4Addr::new(127, 0, (i / 250 + 1) as u8, (i % 250 + 1) as u8);
            reqwest::Client::builder()
                .local_address(std::net::IpAddr::V4(address))
                .build()
        } else {
            Ok(shared.clone())
        };
        let url = format!("{}/api/v1/auth/login", server.base);
        async move {
            let client = client.map_err(|error| error.to_string())?;
            let login_id = format!("nobody-{}", uuid::Uuid::new_v4().simple());
            client
                .post(url)
                .json(&json!({"login_id": login_id, "password": "a guessed password"}))
                .send()
                .await
                .map(|response| response.status().as_u16())
                .map_err(|error| error.to_string())
        }
    });
    let outcomes = join_all(attempts).await;
    let elapsed = started.elapsed();
    probing.store(false, Ordering::Relaxed);
    let mut health = probe.await?;
    health.sort();
    let mut by_status = BTreeMap::<String, usize>::new();
    for outcome in outcomes {
        let key = match outcome {
            Ok(status) => status.to_string(),
            Err(_) => "connection error".to_owned(),
        };
        *by_status.entry(key).or_default() += 1;
    }
    println!(
        "  {label:<36} {SIGN_INS} sign-ins in {:>5.1} s  answers {by_status:?}",
        elapsed.as_secs_f64()
    );
    println!(
        "  {:<36} /healthz during it: {} probes, p50 {:.1} ms, p99 {:.1} ms; server peak memory {:.1} MiB (now {:.1} MiB)",
        "",
        health.len(),
        quantile(&health, 0.5),
        quantile(&health, 0.99),
        server.memory_mib("VmHWM:"),
        server.memory_mib("VmRSS:"),
    );
    Ok(())
}

fn main() -> BenchResult {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        support::with_fresh_schema(async |schema| {
            let server = Server::start(&schema).await?;
            println!("PostgreSQL, production sign-in rules");
            println!(
                "  {:<36} server memory at rest {:.1} MiB",
                "",
                server.memory_mib("VmRSS:")
            );
            flood(&server, "one client, random ids", false).await?;
            flood(&server, "2,000 clients, random ids", true).await
        })
        .await
    })
}
