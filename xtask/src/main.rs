//! Project automation, so that a fresh clone needs exactly two commands:
//!
//! - `cargo xtask run`  — install the tools, build the SPA and the server, migrate and seed
//!   an SQLite database, and serve everything on http://127.0.0.1:8080.
//! - `cargo xtask test` — install the tools, then formatting, clippy (warnings denied) and
//!   every test, including the PostgreSQL suite.
//! - `cargo xtask sweep-dates [FROM] [DAYS]` — the HTTP suite once for each of DAYS days
//!   (default 365) from FROM (default today), the servers' clocks pinned to that day.
//!
//! Only the standard library is used, so this builds in seconds before anything else.

mod manuals;

use std::collections::BTreeSet;
use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Must equal the `wasm-bindgen` crate version pinned in `frontend/Cargo.toml`.
const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// binaryen from npm; Debian's older wasm-opt produces modules that fail in browsers.
const BINARYEN_VERSION: &str = "132.0.0";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The SPA's WASM binaries and the names wasm-bindgen gives their output.
const SPA_BUNDLES: [(&str, &str); 2] = [
    ("madoguchi-frontend", "madoguchi_frontend"),
    ("madoguchi-staff", "madoguchi_staff"),
];
const POSTGRES_TEST_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("run") => run_server(),
        Some("setup") => set_up_machine().map(|_| ()),
        Some("test") => test_everything(),
        Some("build-spa") => ensure_frontend_tools().and_then(|tools| build_spa(&tools)),
        Some("check-manuals") => check_manuals(),
        Some("sweep-dates") => sweep_dates(&args[1..]),
        _ => Err(
            "usage: cargo xtask <run|setup|test|build-spa|check-manuals|sweep-dates [FROM] [DAYS]>"
                .to_owned(),
        ),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where `cargo install` puts binaries.
fn cargo_bin() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

fn cargo() -> Command {
    let mut command = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(workspace_root());
    command
}

/// Runs a command, echoing it, and fails if it fails.
fn run(command: &mut Command) -> Result {
    let shown = shown(command);
    eprintln!("xtask: $ {shown}");
    let status = command
        .status()
        .map_err(|error| format!("could not start {shown}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed with {status}"))
    }
}

/// How a command is shown: as `Debug` prints it, with the values of secret variables
/// (`…SECRET…`, `…PASSWORD…`) replaced by `***`.
fn shown(command: &Command) -> String {
    let mut text = format!("{command:?}");
    for (name, value) in command.get_envs() {
        let name = name.to_string_lossy();
        if let Some(value) = value.map(|value| value.to_string_lossy().into_owned())
            && (name.contains("SECRET") || name.contains("PASSWORD"))
            && !value.is_empty()
        {
            text = text.replace(&value, "***");
        }
    }
    text
}

/// Runs a command quietly and returns its standard output when it succeeds.
fn output_of(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn step(title: &str) {
    eprintln!("\nxtask: ==== {title} ====");
}

/// Paths of the tools the SPA build needs.
struct FrontendTools {
    wasm_bindgen: PathBuf,
    wasm_opt: PathBuf,
}

/// Installs what building the SPA needs, each only if missing: the wasm32 target, the
/// wasm-bindgen CLI of the pinned version, and binaryen's wasm-opt from npm.
fn ensure_frontend_tools() -> Result<FrontendTools> {
    step("tools");
    let installed_targets =
        output_of(Command::new("rustup").args(["target", "list", "--installed"]))
            .unwrap_or_default();
    if !installed_targets
        .lines()
        .any(|line| line.trim() == WASM_TARGET)
    {
        run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }

    let cargo_bin = cargo_bin();
    let wasm_bindgen = cargo_bin.join("wasm-bindgen");
    let wanted = format!("wasm-bindgen {WASM_BINDGEN_VERSION}");
    let current = output_of(Command::new(&wasm_bindgen).arg("--version")).unwrap_or_default();
    if current.trim() != wanted {
        // Not --locked: its lockfile names a crate version this registry mirror lacks.
        run(cargo().args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            WASM_BINDGEN_VERSION,
        ]))?;
    }

    let tools_dir = workspace_root().join(".tools");
    let wasm_opt = tools_dir.join("node_modules/.bin/wasm-opt");
    let current = output_of(Command::new(&wasm_opt).arg("--version")).unwrap_or_default();
    if !current.contains(&format!(
        "version {}",
        BINARYEN_VERSION.split('.').next().unwrap_or("132")
    )) {
        std::fs::create_dir_all(&tools_dir).map_err(|error| format!("create .tools: {error}"))?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&tools_dir)
            .arg(format!("binaryen@{BINARYEN_VERSION}")))?;
    }
    Ok(FrontendTools {
        wasm_bindgen,
        wasm_opt,
    })
}

/// Builds the SPA into `frontend/dist`: release WASM, JS bindings, size optimisation.
fn build_spa(tools: &FrontendTools) -> Result {
    step("SPA build");
    let root = workspace_root();
    run(cargo().args([
        "build",
        "--package",
        "madoguchi-frontend",
        "--target",
        WASM_TARGET,
        "--profile",
        "wasm-release",
    ]))?;
    let dist = root.join("frontend/dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|error| format!("clean frontend/dist: {error}"))?;
    }
    // Two apps, two WASM files: the citizen site and the staff console (frontend/src/lib.rs).
    let mut sizes = Vec::new();
    for (binary, out_name) in SPA_BUNDLES {
        let wasm = target_dir()
            .join(WASM_TARGET)
            .join(format!("wasm-release/{binary}.wasm"));
        run(Command::new(&tools.wasm_bindgen)
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                out_name,
                "--out-dir",
            ])
            .arg(&dist)
            .arg(&wasm))?;
        let bindgen_output = dist.join(format!("{out_name}_bg.wasm"));
        run(Command::new(&tools.wasm_opt)
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(&bindgen_output)
            .arg("-o")
            .arg(&bindgen_output))?;
        let size = std::fs::metadata(&bindgen_output).map_or(0, |m| m.len());
        sizes.push(format!("{out_name} {} KiB", size / 1024));
    }
    for file in [
        "index.html",
        "staff.html",
        "style.css",
        "boot.js",
        "boot-staff.js",
    ] {
        std::fs::copy(root.join("frontend").join(file), dist.join(file))
            .map_err(|error| format!("copy {file}: {error}"))?;
    }
    fingerprint_assets(&dist)?;
    eprintln!("xtask: SPA built in frontend/dist ({})", sizes.join(", "));
    Ok(())
}

/// FNV-1a, 64 bits: enough to tell one build's assets from another's (not a security hash).
fn content_hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Renames the assets to names carrying their content hash (`style-0123456789abcdef.css`),
/// and rewrites the references, so the server can let browsers cache them for a year while
/// `index.html` is always revalidated.
fn fingerprint_assets(dist: &Path) -> Result {
    let read = |name: &str| {
        std::fs::read(dist.join(name)).map_err(|error| format!("read {name}: {error}"))
    };
    let mut renames: Vec<(String, String)> = Vec::new();
    // Leaves first: the wasm and the glue and the stylesheet; then boot.js, which names them.
    for name in [
        "madoguchi_frontend_bg.wasm",
        "madoguchi_frontend.js",
        "madoguchi_staff_bg.wasm",
        "madoguchi_staff.js",
        "style.css",
        "boot.js",
        "boot-staff.js",
    ] {
        let mut content = read(name)?;
        if name.starts_with("boot") {
            let mut text =
                String::from_utf8(content).map_err(|error| format!("boot.js: {error}"))?;
            for (from, to) in &renames {
                text = text.replace(&format!("/{from}"), &format!("/{to}"));
            }
            content = text.into_bytes();
            std::fs::write(dist.join(name), &content)
                .map_err(|error| format!("write {name}: {error}"))?;
        }
        let (stem, extension) = name.rsplit_once('.').ok_or("asset without extension")?;
        let hashed = format!("{stem}-{}.{extension}", content_hash(&content));
        std::fs::rename(dist.join(name), dist.join(&hashed))
            .map_err(|error| format!("rename {name}: {error}"))?;
        renames.push((name.to_owned(), hashed));
    }
    for page in ["index.html", "staff.html"] {
        let mut html =
            String::from_utf8(read(page)?).map_err(|error| format!("{page}: {error}"))?;
        for (from, to) in &renames {
            html = html.replace(&format!("/{from}\""), &format!("/{to}\""));
        }
        std::fs::write(dist.join(page), html).map_err(|error| format!("write {page}: {error}"))?;
    }
    Ok(())
}

/// The mail tests deliver to a real SMTP server: aiosmtpd from PyPI.
fn ensure_smtp_sink() -> Result {
    step("SMTP server for the mail tests");
    let present = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .status()
        .is_ok_and(|status| status.success());
    if present {
        return Ok(());
    }
    run(Command::new("python3").args(["-m", "pip", "install", "--quiet", "aiosmtpd==1.4.6"]))
}

/// Makes sure the PostgreSQL the tests use answers, starting the machine's cluster if needed.
fn ensure_postgres() -> Result {
    step("PostgreSQL");
    let ready = || {
        Command::new("pg_isready")
            .args(["-h", "127.0.0.1", "-p", "5432"])
            .status()
            .is_ok_and(|status| status.success())
    };
    if ready() {
        return Ok(());
    }
    if let Some(versions) = output_of(Command::new("ls").arg("/etc/postgresql")) {
        for version in versions.split_whitespace() {
            let _ = run(Command::new("pg_ctlcluster").args([
                "--skip-systemctl-redirect",
                version,
                "main",
                "start",
            ]));
        }
    }
    for _ in 0..30 {
        if ready() {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    Err(format!(
        "PostgreSQL is not answering at {POSTGRES_TEST_URL}; the test suite needs it"
    ))
}

/// What the test command needs on this machine besides the workspace.
struct Machine {
    frontend: FrontendTools,
    schemathesis: PathBuf,
}

/// Installs and starts what the tests need, each only when missing: the SPA's tools,
/// PostgreSQL, the SMTP sink, nginx, the spec-conformance fuzzer and the browsers.
/// `cargo xtask setup` runs this alone; `cargo xtask test` runs it first.
fn set_up_machine() -> Result<Machine> {
    let frontend = ensure_frontend_tools()?;
    ensure_postgres()?;
    ensure_smtp_sink()?;
    step("nginx for the production-shape test");
    ensure_debian_packages(&SERVER_TEST_PACKAGES)?;
    let schemathesis = ensure_schemathesis()?;
    ensure_browser()?;
    Ok(Machine {
        frontend,
        schemathesis,
    })
}

/// The spec-conformance fuzzer the HTTP tests run (`backend/tests/api/conformance.rs`), in
/// a virtual environment of its own under `target/tools`.
fn ensure_schemathesis() -> Result<PathBuf> {
    step("schemathesis (spec-conformance fuzzer)");
    let venv = target_dir().join("tools/schemathesis");
    let executable = venv.join("bin/schemathesis");
    let installed = output_of(Command::new(&executable).arg("--version")).unwrap_or_default();
    if installed.contains(SCHEMATHESIS_VERSION) {
        return Ok(executable);
    }
    run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    run(Command::new(venv.join("bin/pip")).args([
        "install",
        "--quiet",
        &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
    ]))?;
    Ok(executable)
}

fn test_everything() -> Result {
    let machine = set_up_machine()?;

    step("format");
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;

    step("clippy (server, shared, migrations, xtask)");
    run(cargo().args([
        "clippy",
        "--workspace",
        "--exclude",
        "madoguchi-frontend",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    step("clippy (SPA and shared, for wasm32)");
    run(cargo().args([
        "clippy",
        "--package",
        "madoguchi-frontend",
        "--package",
        "madoguchi-shared",
        "--target",
        WASM_TARGET,
        "--",
        "-D",
        "warnings",
    ]))?;

    build_spa(&machine.frontend)?;

    step("tests (SQLite and PostgreSQL)");
    run(cargo()
        .args(["test", "--workspace", "--exclude", "madoguchi-frontend"])
        .env(
            "MADOGUCHI_TEST_POSTGRES_URL",
            env::var("MADOGUCHI_TEST_POSTGRES_URL")
                .unwrap_or_else(|_| POSTGRES_TEST_URL.to_owned()),
        )
        .env("MADOGUCHI_SCHEMATHESIS", &machine.schemathesis)
        .env("MADOGUCHI_SPA_DIR", workspace_root().join("frontend/dist")))?;
    run_e2e()?;
    check_manuals()?;
    eprintln!("\nxtask: all checks passed");
    Ok(())
}

/// Debian packages the browser tests need, with a file each one installs.
const BROWSER_PACKAGES: [(&str, &str); 6] = [
    ("chromium", "/usr/bin/chromium"),
    (
        "fonts-noto-cjk",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ),
    ("firefox-esr", "/usr/bin/firefox-esr"),
    ("webkit2gtk-driver", "/usr/bin/WebKitWebDriver"),
    ("xvfb", "/usr/bin/xvfb-run"),
    ("xauth", "/usr/bin/xauth"),
];
const GECKODRIVER_VERSION: &str = "0.37.1";
/// The schemathesis release the conformance test is known to pass with.
const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// Debian packages the HTTP tests need: nginx, the reverse proxy of the production shape.
const SERVER_TEST_PACKAGES: [(&str, &str); 1] = [("nginx-light", "/usr/sbin/nginx")];

/// Installs the Debian packages of `wanted` whose file is missing.
fn ensure_debian_packages(wanted: &[(&str, &str)]) -> Result {
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .map_err(|error| format!("{error}; install the Debian packages {missing:?} (needs root)"))
}

/// Installs the browsers when missing: Debian's Chromium (Playwright may not download its
/// own), Firefox ESR with geckodriver from crates.io, WebKit's WebKitWebDriver with Xvfb,
/// and Japanese fonts for legible screenshots.
fn ensure_browser() -> Result {
    step("browsers");
    ensure_debian_packages(&BROWSER_PACKAGES)?;
    let cargo_bin = cargo_bin();
    let installed =
        output_of(Command::new(cargo_bin.join("geckodriver")).arg("--version")).unwrap_or_default();
    if !installed.contains(GECKODRIVER_VERSION) {
        run(cargo().args([
            "install",
            "geckodriver",
            "--locked",
            "--version",
            GECKODRIVER_VERSION,
        ]))?;
    }
    Ok(())
}

/// Runs the browser tests in `e2e/` against the debug server binary and the built SPA.
fn run_e2e() -> Result {
    step("browser tests (Chromium)");
    let root = workspace_root();
    // `cargo test` has just built the server binary (for the CLI tests), with the same
    // features; building it alone would resolve features anew and recompile dependencies.
    let server = target_dir().join("debug/madoguchi");
    if !server.exists() {
        return Err(format!(
            "{} is missing: run the Rust tests first",
            server.display()
        ));
    }
    let e2e = root.join("e2e");
    // The manuals' check reads which screenshots this run produced.
    let _ = std::fs::remove_file(produced_screenshots_list());
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&e2e))?;
    run(Command::new("npm")
        .arg("test")
        .current_dir(&e2e)
        .env("MADOGUCHI_BIN", &server)
        .env("MADOGUCHI_SPA_DIR", root.join("frontend/dist")))
}

/// The list the browser tests write of the screenshots they produced (`e2e/support.mjs`).
fn produced_screenshots_list() -> PathBuf {
    env::var_os("MADOGUCHI_E2E_ARTIFACTS")
        .map_or_else(|| workspace_root().join("e2e/artifacts"), PathBuf::from)
        .join("produced-screenshots.txt")
}

/// Fails when a manual shows a screenshot the last run of the browser tests did not
/// produce, names a screen the SPA no longer has, or lacks the section a help link opens.
fn check_manuals() -> Result {
    step("manuals (stale screenshots and screens)");
    let root = workspace_root();
    let list = produced_screenshots_list();
    let produced: BTreeSet<String> = std::fs::read_to_string(&list)
        .map_err(|error| {
            format!(
                "read {}: {error}; run the browser tests first",
                list.display()
            )
        })?
        .lines()
        .map(str::to_owned)
        .collect();
    let screens = manuals::Screens::read(&root.join("frontend"))?;
    let problems = manuals::problems(&root.join("docs/manual"), &screens, &produced)?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the manuals are stale:\n  {}",
            problems.join("\n  ")
        ))
    }
}

fn run_server() -> Result {
    let tools = ensure_frontend_tools()?;
    build_spa(&tools)?;

    step("server build");
    run(cargo().args([
        "build",
        "--release",
        "--package",
        "madoguchi-backend",
        "--bin",
        "madoguchi",
    ]))?;
    let root = workspace_root();
    let server = target_dir().join("release/madoguchi");

    let database_url =
        env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://madoguchi.db?mode=rwc".to_owned());
    let is_new_sqlite = database_url
        .strip_prefix("sqlite://")
        .and_then(|rest| rest.split('?').next())
        .is_some_and(|file| !root.join(file).exists());
    // A developer's machine: the server refuses to start with its public development
    // secret unless told it is one.
    let environment = env::var("MADOGUCHI_ENV").unwrap_or_else(|_| "development".to_owned());
    // Development mode would accept the public development secret, and anyone who reads
    // the repository could then sign staff tokens for this server: it gets a secret of its
    // own instead, kept beside the database so that tokens and citizens' links survive a
    // restart.
    let jwt_secret = match env::var("MADOGUCHI_JWT_SECRET") {
        Ok(secret) if !secret.trim().is_empty() => secret,
        _ => local_secret(&root.join(".madoguchi-secret"))?,
    };
    let configure = |command: &mut Command| {
        command
            .current_dir(&root)
            .env("MADOGUCHI_ENV", &environment)
            .env("MADOGUCHI_JWT_SECRET", &jwt_secret)
            .env("DATABASE_URL", &database_url)
            .env("MADOGUCHI_STATIC_DIR", root.join("frontend/dist"));
    };

    step("database");
    let mut seed = Command::new(&server);
    configure(&mut seed);
    run(seed.arg("seed-demo"))?;
    if is_new_sqlite {
        let mut admin = Command::new(&server);
        configure(&mut admin);
        run(admin.args(["create-admin", "--login-id", "admin"]))?;
    }

    step("serving on http://127.0.0.1:8080 (Ctrl-C stops)");
    let mut serve = Command::new(&server);
    configure(&mut serve);
    run(serve.arg("serve"))
}

/// The secret in `path`, made there from 48 random bytes (hex) on the first run, readable by
/// its owner only.
fn local_secret(path: &Path) -> Result<String> {
    if let Ok(secret) = std::fs::read_to_string(path)
        && secret.trim().len() >= 64
    {
        return Ok(secret.trim().to_owned());
    }
    let mut bytes = [0u8; 48];
    std::io::Read::read_exact(
        &mut std::fs::File::open("/dev/urandom")
            .map_err(|error| format!("/dev/urandom: {error}"))?,
        &mut bytes,
    )
    .map_err(|error| format!("/dev/urandom: {error}"))?;
    let secret: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    std::fs::write(path, &secret).map_err(|error| format!("{}: {error}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(secret)
}

/// Runs the HTTP integration suite once per day of a range, with the test servers' clocks
/// pinned to that day (`MADOGUCHI_TEST_NOW`), and reports the days it failed on. The time of
/// day moves from run to run, so the sweep also crosses the window's 17:00 edge and
/// midnight. The `dates::` tests pin their own hard days and are left out.
fn sweep_dates(args: &[String]) -> Result {
    let from = match args.first() {
        Some(date) => date.clone(),
        None => output_of(Command::new("date").args(["-u", "-d", "+9 hours", "+%Y-%m-%d"]))
            .map(|text| text.trim().to_owned())
            .ok_or("could not read today's date")?,
    };
    let days: u32 = match args.get(1) {
        Some(days) => days
            .parse()
            .map_err(|_| format!("DAYS: not a number: {days}"))?,
        None => 365,
    };
    ensure_postgres()?;
    ensure_smtp_sink()?;
    ensure_debian_packages(&SERVER_TEST_PACKAGES)?;
    step("build the HTTP test suite");
    let built = output_of(cargo().args([
        "test",
        "--package",
        "madoguchi-backend",
        "--test",
        "api",
        "--no-run",
        "--message-format=json",
    ]))
    .ok_or("building the HTTP tests failed")?;
    let suite = built
        .lines()
        .filter(|line| line.contains("\"name\":\"api\""))
        .find_map(|line| {
            let start = line.find("\"executable\":\"")? + "\"executable\":\"".len();
            let end = start + line[start..].find('"')?;
            Some(PathBuf::from(&line[start..end]))
        })
        .ok_or("could not find the built HTTP test suite")?;
    let mut failed = Vec::new();
    for offset in 0..days {
        let day = output_of(Command::new("date").args([
            "-d",
            &format!("{from} +{offset} days"),
            "+%Y-%m-%d",
        ]))
        .map(|text| text.trim().to_owned())
        .ok_or_else(|| format!("not a date: {from}"))?;
        // Seven hours on each day: 00:00, 07:00, 14:00, 21:00, 04:00, ... with the minutes
        // moving too, so every hour and both sides of 17:00 come round.
        let now = format!(
            "{day}T{:02}:{:02}:00+09:00",
            offset * 7 % 24,
            offset * 13 % 60
        );
        step(&format!("HTTP suite with the clock at {now}"));
        let status = Command::new(&suite)
            .args(["--skip", "dates::", "--test-threads", "8"])
            .env("MADOGUCHI_TEST_NOW", &now)
            .env(
                "MADOGUCHI_TEST_POSTGRES_URL",
                env::var("MADOGUCHI_TEST_POSTGRES_URL")
                    .unwrap_or_else(|_| POSTGRES_TEST_URL.to_owned()),
            )
            .env("MADOGUCHI_SPA_DIR", workspace_root().join("frontend/dist"))
            .current_dir(workspace_root().join("backend"))
            .status()
            .map_err(|error| format!("could not run {}: {error}", suite.display()))?;
        if !status.success() {
            failed.push(now);
        }
    }
    eprintln!(
        "\nxtask: the HTTP suite ran on {days} days from {from}: {} failed",
        failed.len()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed with the clock at: {}", failed.join(", ")))
    }
}
