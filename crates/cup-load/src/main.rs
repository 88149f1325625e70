//! `cup-load`: drives a cup-server with many concurrent clients, reports throughput and
//! latency per operation, and verifies the invariants in the server's database afterwards.
//!
//! ```text
//! cup-load seed-day --url http://127.0.0.1:8080 --database sqlite://data/cup.db --duration 600
//! cup-load peak     --url ... --database ... --duration 300 --operators 2800
//! cup-load stress   --url ... --database ... --step-secs 20
//! cup-load seed-day --faults --kills 3 --url http://127.0.0.1:18090 --database ... \
//!     --server-bin target/release/cup-server --restart-postgres "pg_ctlcluster 15 main restart"
//! cup-load quick    --database sqlite|sqlite://NEW.db|postgres://ADMIN-URL
//! cup-load bench    --url http://127.0.0.1:8080 --clients 100 --bookings 2000
//! cup-load search   --url http://127.0.0.1:8080 --clients 50 --requests 20000 --profile full
//! cup-load serve-bare --listen 127.0.0.1:18190 &
//! cup-load bare     --url http://127.0.0.1:18190 --clients 100 --duration 30
//! ```

mod bare;
mod citizens;
mod flow;
mod invariants;
mod ledger;
mod mix;
mod pool;
mod quick;
mod report;
mod scenario;
mod server;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use cup_api::{
    AvailabilityQuery, BookRequest, Channel, HoldRequest, PrescriptionLoginRequest, SearchScope,
};
use cup_client::{ClientError, CupClient, IdempotencyKey, Token};
use cup_server::demo::Profile;
use rand::Rng;

use citizens::{Patient, bookable_patients};
use ledger::Ledger;
use report::Report;

#[derive(Debug, Parser)]
#[command(
    name = "cup-load",
    about = "Load generator for the CUP Toscana backend"
)]
struct Cli {
    #[command(subcommand)]
    scenario: Scenario,
}

#[derive(Debug, clap::Args, Clone)]
struct Common {
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    #[arg(long, default_value_t = 100)]
    clients: usize,
    /// The server's demo seed and profile (to know its demo citizens).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[arg(long, default_value = "small")]
    profile: String,
}

#[derive(Debug, Subcommand)]
enum Scenario {
    /// The seed's day (15,000 citizens online, 50,000 operations at counters and pharmacies)
    /// compressed in time.
    SeedDay {
        #[command(flatten)]
        run: RunArgs,
        /// Compress the day (07:00-21:00) this many times (default: into --duration).
        #[arg(long)]
        compress: Option<f64>,
        /// Sessions running at once at most (arrivals beyond are counted as errors).
        #[arg(long, default_value_t = 4000)]
        max_inflight: usize,
    },
    /// The 11:30 peak: operator sessions at counters and pharmacies, each pausing between
    /// citizens, plus the online citizens' 250 every 5 minutes.
    Peak {
        #[command(flatten)]
        run: RunArgs,
        #[arg(long, default_value_t = 2800)]
        operators: usize,
        /// Mean pause of an operator between two citizens, seconds (the seed's peak hour is
        /// about one operation per operator every 10 minutes).
        #[arg(long, default_value_t = 600.0)]
        operator_pause_secs: f64,
        /// Online citizens arriving every 5 minutes.
        #[arg(long, default_value_t = 250.0)]
        online_per_5min: f64,
        /// Multiply the seed's rates (operators pause less, citizens arrive more often).
        #[arg(long, default_value_t = 1.0)]
        rate_factor: f64,
    },
    /// Clients without pause, ×factor every step, until p99 of hold or book passes the limit
    /// or errors pass 0.1%; reports where.
    Stress {
        #[command(flatten)]
        run: RunArgs,
        #[arg(long, default_value_t = 8)]
        start_clients: usize,
        /// Seconds at the first step's clients before the ramp, not judged.
        #[arg(long, default_value_t = 10)]
        warmup_secs: u64,
        #[arg(long, default_value_t = 1.5)]
        factor: f64,
        #[arg(long, default_value_t = 20)]
        step_secs: u64,
        #[arg(long, default_value_t = 200.0)]
        p99_ms: f64,
        /// Errors (refusals of the business, such as a slot just taken, excluded) per request.
        #[arg(long, default_value_t = 0.001)]
        max_error_rate: f64,
        #[arg(long, default_value_t = 20_000)]
        max_clients: usize,
    },
    /// CI: a short mixed run with contention and two server kills on a fresh database
    /// (started here), then the invariants. Fails only on an invariant violation.
    Quick {
        #[command(flatten)]
        quick: quick::QuickArgs,
    },
    /// Complete find -> hold -> book flows, each for another citizen.
    Bench {
        #[command(flatten)]
        common: Common,
        /// Stop after this many completed bookings (or when the citizens run out).
        #[arg(long, default_value_t = 2000)]
        bookings: usize,
        /// The server's database: after the run, the invariants (no slot booked twice, every
        /// acknowledged booking present, no booking nobody was told of); exit 1 on a violation.
        #[arg(long)]
        database: Option<String>,
    },
    /// Availability searches only.
    Search {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value_t = 20_000)]
        requests: usize,
    },
    /// A bare axum handler on cup-server's stack (no database): the HTTP baseline.
    ServeBare {
        #[command(flatten)]
        args: bare::ServeArgs,
    },
    /// Closed-loop clients against serve-bare, alternating GET and POST: requests/s.
    Bare {
        #[command(flatten)]
        args: bare::LoadArgs,
    },
}

/// What every scenario takes.
#[derive(Debug, clap::Args, Clone)]
struct RunArgs {
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// The server's database, for the invariant checks after the run (and for the server the
    /// fault mode starts): sqlite://PATH or postgres://...
    #[arg(long)]
    database: Option<String>,
    /// The server's demo seed and profile (to know its demo citizens).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[arg(long, default_value = "small")]
    profile: String,
    /// How long the load runs, seconds (default 300; the stress test: until its limit, at
    /// most an hour).
    #[arg(long)]
    duration: Option<u64>,
    /// Seconds between two progress lines (stderr).
    #[arg(long, default_value_t = 5)]
    progress_secs: u64,
    /// How long an operation is retried (same Idempotency-Key) before its outcome is given
    /// up as unknown, seconds.
    #[arg(long, default_value_t = 60)]
    op_deadline_secs: u64,
    /// How long sessions may finish their operations after the load stops, seconds.
    #[arg(long, default_value_t = 90)]
    drain_secs: u64,
    /// Zipf exponent of the services' popularity (0: uniform).
    #[arg(long, default_value_t = 1.1)]
    service_skew: f64,
    /// Zipf exponent of the choice among the first ten offers (0: uniform).
    #[arg(long, default_value_t = 1.0)]
    offer_skew: f64,
    /// Mean pause between a session's steps, milliseconds.
    #[arg(long, default_value_t = 0)]
    think_ms: u64,
    /// Also write the report as JSON here.
    #[arg(long)]
    json: Option<std::path::PathBuf>,
    /// Fault mode: start the server here (on --database, listening at --url), kill it with
    /// SIGKILL --kills times during the run and start it again.
    #[arg(long)]
    faults: bool,
    #[arg(long)]
    server_bin: Option<std::path::PathBuf>,
    /// More cup-server flags, space-separated (e.g. "--hold-ttl-secs 30 --max-connections 8").
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    server_args: String,
    #[arg(long, default_value_t = 3)]
    kills: u32,
    /// A command that restarts PostgreSQL, run once mid-run in the fault mode.
    #[arg(long)]
    restart_postgres: Option<String>,
    /// The server's log in the fault mode.
    #[arg(long, default_value = "cup-load-server.log")]
    server_log: std::path::PathBuf,
    /// How long a (re)started server may take to answer, seconds.
    #[arg(long, default_value_t = 300)]
    startup_timeout_secs: u64,
}

impl RunArgs {
    fn config(&self, name: &'static str, default_duration: u64) -> scenario::RunConfig {
        scenario::RunConfig {
            name,
            url: self.url.clone(),
            database: self.database.clone(),
            seed: self.seed,
            profile: profile(&self.profile),
            duration: Duration::from_secs(self.duration.unwrap_or(default_duration).max(1)),
            progress: Duration::from_secs(self.progress_secs.max(1)),
            deadline: Duration::from_secs(self.op_deadline_secs),
            drain: Duration::from_secs(self.drain_secs),
            service_skew: self.service_skew,
            offer_skew: self.offer_skew,
            think: Duration::from_millis(self.think_ms),
            json: self.json.clone(),
            faults: self.faults.then(|| scenario::Faults {
                server_bin: self
                    .server_bin
                    .clone()
                    .unwrap_or_else(server::default_server_bin),
                server_args: self
                    .server_args
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                kills: self.kills,
                restart_postgres: self.restart_postgres.clone(),
                log: self.server_log.clone(),
                startup_timeout: Duration::from_secs(self.startup_timeout_secs),
            }),
        }
    }
}

/// Runs a scenario, prints its report; exit 1 on an invariant violation, 2 when it could not
/// run.
async fn scenario_main(cfg: scenario::RunConfig, load: scenario::Load) -> ExitCode {
    match scenario::run(cfg, load).await {
        Ok(outcome) => {
            print!("{}", outcome.text);
            let _ = &outcome.json;
            match outcome.invariants {
                Some(f) if !f.ok() => ExitCode::from(1),
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            eprintln!("cup-load: {e}");
            ExitCode::from(2)
        }
    }
}

fn code(error: &ClientError) -> String {
    error.code().to_owned()
}

async fn login(client: &CupClient, report: &Report, patient: &Patient) -> Option<Token> {
    let started = Instant::now();
    let result = client
        .login_prescription(&PrescriptionLoginRequest {
            codice_fiscale: patient.codice_fiscale.clone(),
            tessera: patient.tessera.clone(),
            nre: patient.nre.clone(),
            privacy_consent: true,
        })
        .await;
    match result {
        Ok(session) => {
            report.record("login", started.elapsed());
            Some(session.token)
        }
        Err(e) => {
            report.error("login", &code(&e));
            None
        }
    }
}

/// One citizen's booking: search, hold one of the first offers (another on contention), book.
async fn book_one(client: &CupClient, report: &Report, ledger: &Ledger, patient: &Patient) -> bool {
    let Some(token) = login(client, report, patient).await else {
        return false;
    };
    for _attempt in 0..5 {
        let started = Instant::now();
        let offers = match client
            .availability(
                &token,
                &patient.nre,
                &AvailabilityQuery {
                    line: patient.line,
                    scope: SearchScope::Region,
                    limit: Some(10),
                    ..Default::default()
                },
            )
            .await
        {
            Ok(r) => {
                report.record("search", started.elapsed());
                r.offers
            }
            Err(e) => {
                report.error("search", &code(&e));
                return false;
            }
        };
        if offers.is_empty() {
            report.error("search", "no_offers");
            return false;
        }
        let pick = rand::rng().random_range(0..offers.len());
        let started = Instant::now();
        let hold = client
            .hold(
                &token,
                &IdempotencyKey::new(),
                &HoldRequest {
                    nre: patient.nre.clone(),
                    line: patient.line,
                    slot_id: offers[pick].slot_id,
                    reschedule: None,
                },
            )
            .await;
        let hold = match hold {
            Ok(h) => {
                report.record("hold", started.elapsed());
                h.value
            }
            Err(e) => {
                report.error("hold", &code(&e));
                continue;
            }
        };
        let started = Instant::now();
        ledger.create_started();
        match client
            .book(
                &token,
                &IdempotencyKey::new(),
                &BookRequest {
                    hold_id: hold.id,
                    phone: None,
                },
            )
            .await
        {
            Ok(booked) => {
                ledger.booked(&booked.value.cup_number);
                report.record("book", started.elapsed());
                return true;
            }
            Err(e) => {
                // A refusal (4xx) is an answer; anything else leaves the booking in doubt.
                if e.status().is_some_and(|s| (400..500).contains(&s)) {
                    ledger.create_ended();
                }
                report.error("book", &code(&e));
                return false;
            }
        }
    }
    false
}

fn profile(name: &str) -> Profile {
    name.parse().unwrap_or(Profile::Small)
}

async fn bench(common: Common, bookings: usize, database: Option<String>) {
    let checked = match &database {
        Some(url) => {
            let db = invariants::Db::connect(url).await.unwrap_or_else(|e| {
                eprintln!("cannot open the database for the checks: {e}");
                std::process::exit(2)
            });
            let before = invariants::baseline(&db).await.unwrap_or_else(|e| {
                eprintln!("cannot read the bookings before the run: {e}");
                std::process::exit(2)
            });
            Some((db, before))
        }
        None => None,
    };
    let ledger = Arc::new(Ledger::default());
    let patients = Arc::new(bookable_patients(common.seed, profile(&common.profile)));
    let target = bookings.min(patients.len());
    println!(
        "bench: {} clients, {} bookings of {} bookable citizens",
        common.clients,
        target,
        patients.len()
    );
    let client = CupClient::new(&common.url, Channel::Sportello).unwrap_or_else(|e| {
        eprintln!("bad URL: {e}");
        std::process::exit(2)
    });
    let report = Arc::new(Report::default());
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..common.clients {
        let (client, report, next, patients, ledger) = (
            client.clone(),
            report.clone(),
            next.clone(),
            patients.clone(),
            ledger.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= target {
                    break;
                }
                book_one(&client, &report, &ledger, &patients[i]).await;
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let elapsed = started.elapsed();
    let booked = report.count("book");
    println!(
        "completed bookings: {booked} in {:.1} s = {:.1} bookings/s",
        elapsed.as_secs_f64(),
        booked as f64 / elapsed.as_secs_f64()
    );
    print!("{}", report.render(elapsed));
    if let Some((db, before)) = checked {
        let now = cup_clock::now().timestamp();
        let findings = invariants::check(&db, &ledger.snapshot(), &before, now)
            .await
            .unwrap_or_else(|e| {
                eprintln!("the invariant checks failed to run: {e}");
                std::process::exit(2)
            });
        db.close().await;
        print!("{}", findings.render());
        if !findings.ok() {
            std::process::exit(1);
        }
    } else {
        println!("invariants: not checked (no --database)");
    }
}

async fn search(common: Common, requests: usize) {
    let patients = Arc::new(bookable_patients(common.seed, profile(&common.profile)));
    let client = CupClient::new(&common.url, Channel::Web).unwrap_or_else(|e| {
        eprintln!("bad URL: {e}");
        std::process::exit(2)
    });
    let report = Arc::new(Report::default());
    let done = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let per_client = patients.len().div_ceil(common.clients.max(1)).max(1);
    let mut tasks = Vec::new();
    for c in 0..common.clients {
        let (client, report, done, patients) = (
            client.clone(),
            report.clone(),
            done.clone(),
            patients.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mine: Vec<&Patient> = patients
                .iter()
                .skip(c * per_client)
                .take(per_client.min(20))
                .collect();
            let mut tokens = Vec::new();
            for p in &mine {
                if let Some(t) = login(&client, &report, p).await {
                    tokens.push((t, *p));
                }
            }
            if tokens.is_empty() {
                return;
            }
            let mut k = 0;
            while done.fetch_add(1, Ordering::Relaxed) < requests {
                let (token, patient) = &tokens[k % tokens.len()];
                k += 1;
                let offset = rand::rng().random_range(0..120u64);
                let from =
                    cup_domain::time::rome_date(cup_clock::now()) + chrono::Days::new(offset);
                let t = Instant::now();
                match client
                    .availability(
                        token,
                        &patient.nre,
                        &AvailabilityQuery {
                            line: patient.line,
                            from: Some(from),
                            limit: Some(10),
                            ..Default::default()
                        },
                    )
                    .await
                {
                    Ok(_) => report.record("search", t.elapsed()),
                    Err(e) => report.error("search", &code(&e)),
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let elapsed = started.elapsed();
    print!("{}", report.render(elapsed));
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // CUP_TODAY moves this tool's "today" and, inherited, that of the servers it starts.
    if let Err(error) = cup_clock::SystemClock::from_env() {
        eprintln!("cup-load: {error}");
        return ExitCode::from(2);
    }
    match cli.scenario {
        Scenario::Bench {
            common,
            bookings,
            database,
        } => {
            bench(common, bookings, database).await;
            ExitCode::SUCCESS
        }
        Scenario::Search { common, requests } => {
            search(common, requests).await;
            ExitCode::SUCCESS
        }
        Scenario::SeedDay {
            run,
            compress,
            max_inflight,
        } => {
            let mut cfg = run.config("seed-day", 300);
            let compress = match compress {
                Some(c) if c > 0.0 => {
                    cfg.duration = Duration::from_secs_f64(mix::DayProfile::seconds() / c);
                    c
                }
                _ => mix::DayProfile::seconds() / cfg.duration.as_secs_f64(),
            };
            eprintln!(
                "cup-load seed-day: the day compressed {compress:.1} times into {:.0} s",
                cfg.duration.as_secs_f64()
            );
            let load = scenario::Load::Day {
                compress,
                max_inflight,
            };
            scenario_main(cfg, load).await
        }
        Scenario::Peak {
            run,
            operators,
            operator_pause_secs,
            online_per_5min,
            rate_factor,
        } => {
            let factor = rate_factor.max(1e-6);
            let load = scenario::Load::Peak {
                operators,
                pause: Duration::from_secs_f64((operator_pause_secs / factor).max(0.0)),
                online_per_second: online_per_5min * factor / 300.0,
            };
            scenario_main(run.config("peak", 300), load).await
        }
        Scenario::Stress {
            run,
            start_clients,
            warmup_secs,
            factor,
            step_secs,
            p99_ms,
            max_error_rate,
            max_clients,
        } => {
            let cfg = run.config("stress", 3600);
            let load = scenario::Load::Stress {
                start: start_clients,
                warmup: Duration::from_secs(warmup_secs),
                factor,
                step: Duration::from_secs(step_secs.max(1)),
                p99_ms,
                max_error_rate,
                max_clients,
            };
            scenario_main(cfg, load).await
        }
        Scenario::Quick { quick } => quick::main(quick).await,
        Scenario::ServeBare { args } => bare::serve_main(args).await,
        Scenario::Bare { args } => bare::load_main(args).await,
    }
}
