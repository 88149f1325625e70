//! The quick mode for CI: its own cup-server on a fresh database (the small demo region, holds
//! of 5 s so that some expire during the run), a short mixed run with contention on a few
//! popular services and two kills of the server, then the invariants. It fails only on an
//! invariant violation (or when it cannot run at all), never on speed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::mix::Mix;
use crate::scenario::{Faults, Load, RunConfig, run};
use crate::server::{FreshPostgres, default_server_bin, free_port};

#[derive(Debug, clap::Args, Clone)]
pub struct QuickArgs {
    /// `sqlite` (a new file in a temporary folder), `sqlite://NEW-FILE`, or
    /// `postgres://ADMIN-URL` (a fresh database is created on that server, and dropped after).
    #[arg(long)]
    database: String,
    /// Default: the cup-server next to this executable.
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// Seconds of load.
    #[arg(long, default_value_t = 15)]
    duration: u64,
    #[arg(long, default_value_t = 16)]
    clients: usize,
    #[arg(long, default_value_t = 2)]
    kills: u32,
    #[arg(long)]
    json: Option<PathBuf>,
    /// Keep the database and the server's log (their place is printed).
    #[arg(long)]
    keep: bool,
}

pub async fn main(args: QuickArgs) -> ExitCode {
    let started = Instant::now();
    let dir = match tempfile::Builder::new().prefix("cup-load-quick").tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("cup-load quick: temporary folder: {e}");
            return ExitCode::from(2);
        }
    };
    let mut pg = None;
    let database = if args.database == "sqlite" {
        format!("sqlite://{}", dir.path().join("cup.db").display())
    } else if let Some(path) = args.database.strip_prefix("sqlite://") {
        if std::path::Path::new(path).exists() {
            eprintln!("cup-load quick: {path} exists; the quick mode needs a fresh database");
            return ExitCode::from(2);
        }
        args.database.clone()
    } else if args.database.starts_with("postgres://") || args.database.starts_with("postgresql://")
    {
        match FreshPostgres::create(&args.database).await {
            Ok(fresh) => {
                let url = fresh.url.clone();
                pg = Some(fresh);
                url
            }
            Err(e) => {
                eprintln!("cup-load quick: cannot create a fresh PostgreSQL database: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        eprintln!("cup-load quick: --database must be sqlite, sqlite://NEW-FILE or postgres://...");
        return ExitCode::from(2);
    };
    let port = match free_port() {
        Ok(port) => port,
        Err(e) => {
            eprintln!("cup-load quick: no free port: {e}");
            return ExitCode::from(2);
        }
    };
    let log = dir.path().join("cup-server.log");
    let cfg = RunConfig {
        name: "quick",
        url: format!("http://127.0.0.1:{port}"),
        database: Some(database),
        seed: 42,
        profile: cup_server::demo::Profile::Small,
        duration: Duration::from_secs(args.duration.max(3)),
        progress: Duration::from_secs(5),
        // A request cut by a kill leaves its idempotency key in flight for 30 s (the server's
        // stale limit): the retries must outlast that.
        deadline: Duration::from_secs(45),
        drain: Duration::from_secs(50),
        service_skew: 1.3,
        offer_skew: 1.2,
        think: Duration::ZERO,
        json: args.json.clone(),
        faults: Some(Faults {
            server_bin: args.server_bin.clone().unwrap_or_else(default_server_bin),
            server_args: [
                "--demo-profile",
                "small",
                "--hold-ttl-secs",
                "5",
                "--max-connections",
                "8",
            ]
            .map(str::to_owned)
            .to_vec(),
            kills: args.kills,
            restart_postgres: None,
            log: log.clone(),
            startup_timeout: Duration::from_secs(120),
        }),
    };
    let load = Load::Closed {
        clients: args.clients.max(1),
        mix: Mix::QUICK,
    };
    let outcome = run(cfg, load).await;
    let code = match &outcome {
        Ok(outcome) => {
            print!("{}", outcome.text);
            match &outcome.invariants {
                Some(f) if f.ok() => ExitCode::SUCCESS,
                _ => ExitCode::from(1),
            }
        }
        Err(e) => {
            eprintln!("cup-load quick: {e}");
            ExitCode::from(2)
        }
    };
    let failed = !matches!(&outcome, Ok(o) if o.invariants.as_ref().is_some_and(|f| f.ok()));
    if failed && let Ok(text) = std::fs::read_to_string(&log) {
        let lines: Vec<&str> = text.lines().collect();
        eprintln!("cup-load quick: the server's log ends with:");
        for line in &lines[lines.len().saturating_sub(30)..] {
            eprintln!("  {line}");
        }
    }
    if args.keep {
        let kept = dir.keep();
        eprintln!("cup-load quick: kept {}", kept.display());
        if let Some(fresh) = &pg {
            eprintln!(
                "cup-load quick: kept the PostgreSQL database {}",
                fresh.name
            );
        }
    } else if let Some(fresh) = &pg {
        fresh.drop_database().await;
    }
    println!(
        "quick: {:.1} s in all, {}",
        started.elapsed().as_secs_f64(),
        if failed { "FAILED" } else { "invariants hold" }
    );
    code
}
