//! What the benchmarks share: starting the real `madoguchi` binary, reading its memory, and
//! a fresh PostgreSQL schema for a run.

use std::future::Future;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database};

/// The PostgreSQL server the benchmarks use (database `test`).
pub const POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A benchmark's outcome.
pub type BenchResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Starts `madoguchi serve --seed-demo` on a free port with `env` (development mode, no
/// SPA, errors only in the log) and waits until it answers `/readyz`. Returns the process
/// and its base URL.
pub async fn start_madoguchi(env: &[(&str, &str)]) -> BenchResult<(Child, String)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["serve", "--seed-demo"])
        .env("MADOGUCHI_ENV", "development")
        .env("MADOGUCHI_BIND", format!("127.0.0.1:{port}"))
        .env("MADOGUCHI_STATIC_DIR", "/nonexistent")
        .env("RUST_LOG", "error")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()?;
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .map(|r| r.status().is_success())
        .ok()
        != Some(true)
    {
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("the server did not become ready".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok((child, base))
}

/// A memory figure of process `pid` from /proc (`VmHWM:` the peak, `VmRSS:` now), in MiB.
pub fn memory_mib(pid: u32, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// Runs `work` with a fresh PostgreSQL schema, dropped afterwards whatever the outcome.
pub async fn with_fresh_schema<F, Fut>(work: F) -> BenchResult
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = BenchResult>,
{
    let schema = format!("bench_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(POSTGRES_URL).await?;
    admin
        .execute_unprepared(&format!("CREATE SCHEMA \"{schema}\""))
        .await?;
    let outcome = work(schema.clone()).await;
    admin
        .execute_unprepared(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
        .await?;
    outcome
}
