//! The scenarios and their runner: the load (open arrivals for the seed's day, operators and
//! citizens for the peak, a ramp for the stress test, a fixed set of clients for the quick
//! run), the progress line, the faults (SIGKILL and restart of the server, a PostgreSQL
//! restart), the final report and the invariant checks.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use crate::citizens::bookable_patients;
use crate::flow::{Ctx, session};
use crate::invariants::{Db, Findings, baseline, booked_lines, check};
use crate::ledger::Ledger;
use crate::mix::{Class, DayProfile, Mix};
use crate::pool::PatientPool;
use crate::report::{PROGRESS, Report, STEP, Window};
use crate::server::ManagedServer;

/// The share of sessions at counters in the seed's day (about 52,600 of 67,600).
pub fn counter_share() -> f64 {
    let counter = DayProfile::sessions(Class::Counter);
    counter / (counter + DayProfile::sessions(Class::Online))
}

#[derive(Debug, Clone)]
pub enum Load {
    /// The seed's day, compressed `compress` times.
    Day { compress: f64, max_inflight: usize },
    /// Operators at counters (each pausing between citizens) plus online citizens arriving
    /// at a rate.
    Peak {
        operators: usize,
        pause: Duration,
        online_per_second: f64,
    },
    /// Clients without pause, more at every step, until the limits are passed.
    Stress {
        start: usize,
        /// A first stretch at `start` clients that is not judged (caches, WAL, connections).
        warmup: Duration,
        factor: f64,
        step: Duration,
        p99_ms: f64,
        max_error_rate: f64,
        max_clients: usize,
    },
    /// A fixed number of clients without pause.
    Closed { clients: usize, mix: Mix },
}

pub struct Faults {
    pub server_bin: PathBuf,
    pub server_args: Vec<String>,
    pub kills: u32,
    pub restart_postgres: Option<String>,
    pub log: PathBuf,
    pub startup_timeout: Duration,
}

pub struct RunConfig {
    pub name: &'static str,
    pub url: String,
    pub database: Option<String>,
    pub seed: u64,
    pub profile: cup_server::demo::Profile,
    pub duration: Duration,
    pub progress: Duration,
    pub deadline: Duration,
    pub drain: Duration,
    pub service_skew: f64,
    pub offer_skew: f64,
    pub think: Duration,
    pub json: Option<PathBuf>,
    pub faults: Option<Faults>,
}

/// The outcome of a run: whether the invariants held (`None`: not checked).
pub struct Outcome {
    pub invariants: Option<Findings>,
    pub text: String,
    pub json: Value,
}

fn poisson(rng: &mut SmallRng, mean: f64) -> u64 {
    if mean <= 0.0 {
        return 0;
    }
    if mean > 30.0 {
        // Normal approximation.
        let u1: f64 = rng.random_range(1e-12..1.0);
        let u2: f64 = rng.random();
        let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        return (mean + z * mean.sqrt()).round().max(0.0) as u64;
    }
    let limit = (-mean).exp();
    let mut k = 0;
    let mut p: f64 = rng.random();
    while p > limit {
        k += 1;
        p *= rng.random::<f64>();
    }
    k
}

fn spawn_session(ctx: &Arc<Ctx>, class: Class, mix: Mix) {
    let ctx = ctx.clone();
    tokio::spawn(async move {
        let mut rng = SmallRng::from_rng(&mut rand::rng());
        session(&ctx, class, &mix, &mut rng).await;
    });
}

fn class_of(rng: &mut SmallRng, share: f64) -> Class {
    if rng.random_bool(share.clamp(0.0, 1.0)) {
        Class::Counter
    } else {
        Class::Online
    }
}

/// Open arrivals at `rate(elapsed fraction)` sessions per second for each class, until stop.
async fn arrivals(
    ctx: Arc<Ctx>,
    stop: Arc<AtomicBool>,
    duration: Duration,
    max_inflight: usize,
    rate: impl Fn(Class, f64) -> f64,
) {
    let started = Instant::now();
    let tick = Duration::from_millis(50);
    let mut rng = SmallRng::from_rng(&mut rand::rng());
    let mut last = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        tokio::time::sleep(tick).await;
        let dt = last.elapsed().as_secs_f64();
        last = Instant::now();
        let fraction =
            (started.elapsed().as_secs_f64() / duration.as_secs_f64().max(1e-9)).clamp(0.0, 1.0);
        for class in [Class::Counter, Class::Online] {
            for _ in 0..poisson(&mut rng, rate(class, fraction) * dt) {
                if ctx.live.load(Ordering::Relaxed) >= max_inflight {
                    ctx.report.error("session", "over_max_inflight");
                } else {
                    spawn_session(&ctx, class, Mix::of(class));
                }
            }
        }
    }
}

/// How a client behaves: its mix (`None`: its class's), the share of counter sessions, the
/// pause before its first session (up to) and between sessions (mean).
#[derive(Debug, Clone, Copy)]
struct Worker {
    mix: Option<Mix>,
    share: f64,
    first_pause: Duration,
    pause: Duration,
}

/// A client that runs sessions back to back while `index < target` and not stopped.
fn spawn_worker(
    ctx: &Arc<Ctx>,
    stop: &Arc<AtomicBool>,
    target: &Arc<AtomicUsize>,
    index: usize,
    worker: Worker,
) {
    let Worker {
        mix,
        share,
        first_pause,
        pause,
    } = worker;
    let (ctx, stop, target) = (ctx.clone(), stop.clone(), target.clone());
    tokio::spawn(async move {
        let mut rng = SmallRng::from_rng(&mut rand::rng());
        if !first_pause.is_zero() {
            tokio::time::sleep(first_pause.mul_f64(rng.random())).await;
        }
        while !stop.load(Ordering::Relaxed) && index < target.load(Ordering::Relaxed) {
            let class = class_of(&mut rng, share);
            let mix = mix.unwrap_or(Mix::of(class));
            session(&ctx, class, &mix, &mut rng).await;
            if !pause.is_zero() {
                let u: f64 = rng.random_range(1e-6..1.0);
                tokio::time::sleep(pause.mul_f64(-u.ln()).min(pause * 10)).await;
            }
        }
    });
}

/// One step of the stress ramp.
#[derive(Debug, Clone)]
pub struct Step {
    pub clients: usize,
    pub seconds: f64,
    pub window: Window,
}

impl Step {
    fn per_s(&self, op: &str) -> f64 {
        self.window.count(op) as f64 / self.seconds.max(1e-9)
    }

    pub fn line(&self) -> String {
        format!(
            "step: {:>5} clients | {:>7.1} searches/s {:>6.1} holds/s {:>6.1} bookings/s | p99 ms search {:>7.1} hold {:>7.1} book {:>7.1} | errors {:.3}%",
            self.clients,
            self.per_s("search"),
            self.per_s("hold"),
            self.per_s("book"),
            self.window.p99("search"),
            self.window.p99("hold"),
            self.window.p99("book"),
            self.window.error_rate() * 100.0
        )
    }

    fn json(&self) -> Value {
        json!({
            "clients": self.clients,
            "seconds": self.seconds,
            "searches_per_s": self.per_s("search"),
            "holds_per_s": self.per_s("hold"),
            "bookings_per_s": self.per_s("book"),
            "p99_ms": {"search": self.window.p99("search"), "hold": self.window.p99("hold"), "book": self.window.p99("book")},
            "error_rate": self.window.error_rate(),
        })
    }
}

/// Whether a stress step passed a limit, and which.
pub fn breach(step: &Step, p99_ms: f64, max_error_rate: f64) -> Option<String> {
    let hold = step.window.p99("hold");
    let book = step.window.p99("book");
    if hold > p99_ms {
        return Some(format!("hold p99 {hold:.1} ms > {p99_ms} ms"));
    }
    if book > p99_ms {
        return Some(format!("book p99 {book:.1} ms > {p99_ms} ms"));
    }
    let rate = step.window.error_rate();
    if rate > max_error_rate {
        return Some(format!(
            "errors {:.3}% > {:.3}%",
            rate * 100.0,
            max_error_rate * 100.0
        ));
    }
    None
}

fn progress_line(elapsed: Duration, ctx: &Ctx, w: &Window, seconds: f64, server: &str) -> String {
    let per = |op: &str| w.count(op) as f64 / seconds.max(1e-9);
    format!(
        "[{:>5.0}s] sessions {} live {} | /s search {:.1} hold {:.1} book {:.1} cancel {:.1} move {:.1} | p99 ms search {:.1} hold {:.1} book {:.1} | errors {} retries {}{server}",
        elapsed.as_secs_f64(),
        ctx.started.load(Ordering::Relaxed),
        ctx.live.load(Ordering::Relaxed),
        per("search"),
        per("hold"),
        per("book"),
        per("cancel"),
        per("reschedule"),
        w.p99("search"),
        w.p99("hold"),
        w.p99("book"),
        w.errors,
        w.retries,
    )
}

/// Runs a scenario and checks the invariants (when a database is given).
pub async fn run(cfg: RunConfig, load: Load) -> Result<Outcome, String> {
    let mut server = None;
    let mut fault_log = Vec::new();
    if let Some(faults) = &cfg.faults {
        let database = cfg
            .database
            .as_deref()
            .ok_or("the fault mode needs --database (the server's database)")?;
        let mut s = ManagedServer::new(
            &faults.server_bin,
            database,
            &cfg.url,
            &faults.server_args,
            &faults.log,
        );
        let took = s.start(faults.startup_timeout).await?;
        eprintln!(
            "cup-load: cup-server started in {:.1} s (log: {})",
            took.as_secs_f64(),
            faults.log.display()
        );
        server = Some(s);
    } else {
        let client = cup_client::CupClient::new(&cfg.url, cup_api::Channel::Web)
            .map_err(|e| e.to_string())?;
        client
            .health()
            .await
            .map_err(|e| format!("the server at --url does not answer: {e}"))?;
    }

    let mut patients = bookable_patients(cfg.seed, cfg.profile);
    let stop = Arc::new(AtomicBool::new(false));
    // The bookings before the run (not the run's), and the lines they keep booked.
    let before = match &cfg.database {
        Some(url) => {
            let db = Db::connect(url)
                .await
                .map_err(|e| format!("cannot open the database for the checks: {e}"))?;
            let ids = baseline(&db)
                .await
                .map_err(|e| format!("cannot read the bookings before the run: {e}"))?;
            let booked = booked_lines(&db)
                .await
                .map_err(|e| format!("cannot read the booked lines: {e}"))?;
            db.close().await;
            patients.retain(|p| !booked.contains(&(p.nre.clone(), i64::from(p.line))));
            ids
        }
        None => Default::default(),
    };
    if patients.is_empty() {
        return Err("no bookable demo citizen for this seed and profile".into());
    }
    let pool = Arc::new(PatientPool::new(patients, cfg.service_skew));
    let report = Arc::new(Report::default());
    let ledger = Arc::new(Ledger::default());
    let ctx = Arc::new(
        Ctx::new(
            &cfg.url,
            report.clone(),
            ledger.clone(),
            pool.clone(),
            cfg.offer_skew,
            cfg.deadline,
            cfg.think,
        )
        .map_err(|e| e.to_string())?,
    );
    let started = Instant::now();
    eprintln!(
        "cup-load {}: {} bookable prescription lines, {:.0} s{}",
        cfg.name,
        pool.lines(),
        cfg.duration.as_secs_f64(),
        if cfg.faults.is_some() {
            ", fault mode"
        } else {
            ""
        }
    );

    // The load.
    let share = counter_share();
    let steps: Arc<std::sync::Mutex<(Vec<Step>, Option<String>)>> = Arc::default();
    let driver = {
        let (ctx, stop, steps) = (ctx.clone(), stop.clone(), steps.clone());
        let duration = cfg.duration;
        let load = load.clone();
        tokio::spawn(async move {
            match load {
                Load::Day {
                    compress,
                    max_inflight,
                } => {
                    arrivals(ctx, stop, duration, max_inflight, move |class, f| {
                        DayProfile::rate(class, f) * compress
                    })
                    .await
                }
                Load::Peak {
                    operators,
                    pause,
                    online_per_second,
                } => {
                    let target = Arc::new(AtomicUsize::new(operators));
                    for i in 0..operators {
                        spawn_worker(
                            &ctx,
                            &stop,
                            &target,
                            i,
                            Worker {
                                mix: None,
                                share: 1.0,
                                first_pause: pause,
                                pause,
                            },
                        );
                    }
                    arrivals(
                        ctx,
                        stop,
                        duration,
                        usize::MAX,
                        move |class, _| match class {
                            Class::Online => online_per_second,
                            Class::Counter => 0.0,
                        },
                    )
                    .await
                }
                Load::Closed { clients, mix } => {
                    let target = Arc::new(AtomicUsize::new(clients));
                    for i in 0..clients {
                        spawn_worker(
                            &ctx,
                            &stop,
                            &target,
                            i,
                            Worker {
                                mix: Some(mix),
                                share: 0.5,
                                first_pause: Duration::ZERO,
                                pause: Duration::ZERO,
                            },
                        );
                    }
                }
                Load::Stress {
                    start,
                    warmup,
                    factor,
                    step,
                    p99_ms,
                    max_error_rate,
                    max_clients,
                } => {
                    let target = Arc::new(AtomicUsize::new(0));
                    let mut clients = start.max(1);
                    let mut warming = !warmup.is_zero();
                    let _ = ctx.report.take_window(STEP);
                    while !stop.load(Ordering::Relaxed) {
                        if warming {
                            warming = false;
                            target.store(clients, Ordering::Relaxed);
                            for i in 0..clients {
                                spawn_worker(
                                    &ctx,
                                    &stop,
                                    &target,
                                    i,
                                    Worker {
                                        mix: None,
                                        share,
                                        first_pause: Duration::ZERO,
                                        pause: Duration::ZERO,
                                    },
                                );
                            }
                            tokio::time::sleep(warmup).await;
                            let w = ctx.report.take_window(STEP);
                            eprintln!(
                                "warm-up: {clients} clients for {:.0} s, {} bookings (not judged)",
                                warmup.as_secs_f64(),
                                w.count("book")
                            );
                            continue;
                        }
                        let before = target.swap(clients, Ordering::Relaxed);
                        for i in before..clients {
                            spawn_worker(
                                &ctx,
                                &stop,
                                &target,
                                i,
                                Worker {
                                    mix: None,
                                    share,
                                    first_pause: Duration::ZERO,
                                    pause: Duration::ZERO,
                                },
                            );
                        }
                        let t = Instant::now();
                        tokio::time::sleep(step).await;
                        let s = Step {
                            clients,
                            seconds: t.elapsed().as_secs_f64(),
                            window: ctx.report.take_window(STEP),
                        };
                        eprintln!("{}", s.line());
                        let sessions = s.window.count("login") + s.window.starved;
                        let limit = breach(&s, p99_ms, max_error_rate).or_else(|| {
                            (s.window.starved * 10 > sessions).then(|| {
                                format!(
                                    "the demo region's prescription lines ran out ({} sessions \
                                     found none free): more clients add no load; use --profile full",
                                    s.window.starved
                                )
                            })
                        });
                        let mut guard = steps.lock().unwrap_or_else(|e| e.into_inner());
                        guard.0.push(s);
                        if let Some(limit) = limit {
                            guard.1 = Some(format!("at {clients} clients: {limit}"));
                            stop.store(true, Ordering::Relaxed);
                            break;
                        }
                        let next = ((clients as f64) * factor).ceil() as usize;
                        clients = next.max(clients + 1);
                        if clients > max_clients {
                            guard.1 = Some(format!(
                                "no limit passed up to {max_clients} clients (--max-clients)"
                            ));
                            stop.store(true, Ordering::Relaxed);
                            break;
                        }
                    }
                }
            }
        })
    };

    // The progress line, and the faults at their instants.
    let kills = cfg.faults.as_ref().map_or(0, |f| f.kills);
    let kill_at: Vec<Duration> = (1..=kills)
        .map(|i| cfg.duration.mul_f64(f64::from(i) / f64::from(kills + 1)))
        .collect();
    let pg_restart_at = cfg
        .faults
        .as_ref()
        .and_then(|f| f.restart_postgres.as_ref())
        .map(|_| match kill_at.as_slice() {
            [first, second, ..] => (*first + *second) / 2,
            _ => cfg.duration / 2,
        });
    let mut next_kill = 0;
    let mut pg_restarted = false;
    let mut last_progress = Instant::now();
    let _ = report.take_window(PROGRESS);
    while started.elapsed() < cfg.duration && !stop.load(Ordering::Relaxed) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let elapsed = started.elapsed();
        if let (Some(s), Some(faults)) = (server.as_mut(), cfg.faults.as_ref()) {
            if next_kill < kill_at.len() && elapsed >= kill_at[next_kill] {
                next_kill += 1;
                s.kill();
                let down = Instant::now();
                let took = s.start(faults.startup_timeout).await?;
                let line = format!(
                    "kill -9 #{next_kill} at {:.1} s; restarted, answering after {:.2} s",
                    elapsed.as_secs_f64(),
                    down.elapsed().as_secs_f64()
                );
                let _ = took;
                eprintln!("cup-load: {line}");
                fault_log.push(line);
            }
            if let (Some(at), Some(command)) = (pg_restart_at, faults.restart_postgres.as_ref())
                && !pg_restarted
                && elapsed >= at
            {
                pg_restarted = true;
                let t = Instant::now();
                let result = crate::server::run_command(command, &faults.log).await;
                let line = match result {
                    Ok(()) => format!(
                        "PostgreSQL restarted at {:.1} s in {:.2} s",
                        elapsed.as_secs_f64(),
                        t.elapsed().as_secs_f64()
                    ),
                    Err(e) => format!("PostgreSQL restart failed: {e}"),
                };
                eprintln!("cup-load: {line}");
                fault_log.push(line);
            }
        }
        if last_progress.elapsed() >= cfg.progress {
            let seconds = last_progress.elapsed().as_secs_f64();
            last_progress = Instant::now();
            let w = report.take_window(PROGRESS);
            let kills_now = server
                .as_ref()
                .map_or(String::new(), |s| format!(" | kills {}", s.kills));
            eprintln!(
                "{}",
                progress_line(started.elapsed(), &ctx, &w, seconds, &kills_now)
            );
        }
    }
    stop.store(true, Ordering::Relaxed);
    let load_elapsed = started.elapsed();
    let _ = driver.await;

    // Drain: sessions finish their operations (retrying until a definite answer).
    let drain_started = Instant::now();
    let mut last_progress = Instant::now();
    while ctx.live.load(Ordering::Relaxed) > 0 && drain_started.elapsed() < cfg.drain {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if last_progress.elapsed() >= cfg.progress {
            last_progress = Instant::now();
            eprintln!(
                "cup-load: draining, {} sessions still finishing their operations",
                ctx.live.load(Ordering::Relaxed)
            );
        }
    }
    let unfinished = ctx.live.load(Ordering::Relaxed);
    // In the fault mode the server goes: nothing changes the database while it is checked.
    let (starts, kills_done) = match server.as_mut() {
        Some(s) => {
            s.stop();
            (s.starts, s.kills)
        }
        None => (0, 0),
    };

    let elapsed = load_elapsed;
    let mut text = format!(
        "== cup-load {} ==\nload {:.1} s, drain {:.1} s, {} sessions{}\n",
        cfg.name,
        load_elapsed.as_secs_f64(),
        drain_started.elapsed().as_secs_f64(),
        ctx.started.load(Ordering::Relaxed),
        if unfinished > 0 {
            format!(", {unfinished} still unfinished at the deadline")
        } else {
            String::new()
        }
    );
    text.push_str(&report.render(elapsed));
    text.push_str(&format!(
        "prescription lines free at the end: {} of {}\n",
        pool.free(),
        pool.lines()
    ));
    let snapshot = ledger.snapshot();
    text.push_str(&format!(
        "acknowledged: {} bookings, {} cancellations, {} moves; {} holds left to expire; \
         {} creations and {} changes without an answer\n",
        snapshot.booked,
        snapshot.cancelled,
        snapshot.moved,
        snapshot.holds_left_to_expire,
        snapshot.creates_in_doubt,
        snapshot.changes_in_doubt
    ));
    let (step_list, limit) = {
        let guard = steps.lock().unwrap_or_else(|e| e.into_inner());
        (guard.0.clone(), guard.1.clone())
    };
    if !step_list.is_empty() {
        text.push_str("stress steps:\n");
        for s in &step_list {
            text.push_str(&format!("  {}\n", s.line()));
        }
        let last_good = step_list
            .iter()
            .rev()
            .find(|s| breach(s, p99_limit(&load), error_limit(&load)).is_none());
        if let Some(good) = last_good {
            text.push_str(&format!(
                "last step within the limits: {} clients, {:.1} bookings/s\n",
                good.clients,
                good.per_s("book")
            ));
        }
        if let Some(limit) = &limit {
            text.push_str(&format!("limit: {limit}\n"));
        }
    }
    if cfg.faults.is_some() {
        text.push_str(&format!(
            "faults: {} kills (kill -9), {} server starts\n",
            kills_done, starts
        ));
        for line in &fault_log {
            text.push_str(&format!("  {line}\n"));
        }
    }

    let findings = match &cfg.database {
        Some(url) => {
            let db = Db::connect(url)
                .await
                .map_err(|e| format!("cannot open the database for the checks: {e}"))?;
            let now = cup_clock::now().timestamp();
            let f = check(&db, &snapshot, &before, now)
                .await
                .map_err(|e| format!("the invariant checks failed to run: {e}"))?;
            db.close().await;
            text.push_str(&f.render());
            if cfg.faults.is_some() {
                text.push_str(&format!(
                    "acknowledged bookings lost: {} (must be 0); duplicates: {} (must be 0)\n",
                    f.lost, f.duplicates
                ));
            }
            Some(f)
        }
        None => {
            text.push_str("invariants: not checked (no --database)\n");
            None
        }
    };
    let mut json = report.to_json(elapsed);
    json["scenario"] = json!(cfg.name);
    json["sessions"] = json!(ctx.started.load(Ordering::Relaxed));
    json["unfinished_sessions"] = json!(unfinished);
    json["acknowledged"] = json!({
        "bookings": snapshot.booked,
        "cancellations": snapshot.cancelled,
        "moves": snapshot.moved,
        "holds_left_to_expire": snapshot.holds_left_to_expire,
        "creations_without_answer": snapshot.creates_in_doubt,
        "changes_without_answer": snapshot.changes_in_doubt,
    });
    if !step_list.is_empty() {
        json["stress"] = json!({
            "steps": step_list.iter().map(Step::json).collect::<Vec<_>>(),
            "limit": limit,
        });
    }
    if cfg.faults.is_some() {
        json["faults"] = json!({"kills": kills_done, "starts": starts, "events": fault_log});
    }
    if let Some(f) = &findings {
        json["invariants"] = f.to_json();
    }
    if let Some(path) = &cfg.json {
        let body = serde_json::to_string_pretty(&json).unwrap_or_default();
        std::fs::write(path, body).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(Outcome {
        invariants: findings,
        text,
        json,
    })
}

fn p99_limit(load: &Load) -> f64 {
    match load {
        Load::Stress { p99_ms, .. } => *p99_ms,
        _ => f64::INFINITY,
    }
}

fn error_limit(load: &Load) -> f64 {
    match load {
        Load::Stress { max_error_rate, .. } => *max_error_rate,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_has_its_mean() {
        let mut rng = SmallRng::seed_from_u64(1);
        for mean in [0.05, 2.0, 50.0] {
            let n = 20_000;
            let total: u64 = (0..n).map(|_| poisson(&mut rng, mean)).sum();
            let got = total as f64 / f64::from(n);
            assert!((got - mean).abs() / mean < 0.05, "{mean}: {got}");
        }
        assert_eq!(poisson(&mut rng, 0.0), 0);
    }

    #[test]
    fn a_step_passes_the_limits_or_says_which() {
        let report = Report::default();
        for _ in 0..1000 {
            report.record("hold", Duration::from_millis(20));
            report.record("book", Duration::from_millis(30));
        }
        let step = Step {
            clients: 10,
            seconds: 10.0,
            window: report.take_window(STEP),
        };
        assert_eq!(breach(&step, 200.0, 0.001), None);
        assert!((step.per_s("book") - 100.0).abs() < 1e-9);
        let slow = breach(&step, 25.0, 0.001).expect("slow");
        assert!(slow.starts_with("book p99"), "{slow}");
        report.record("hold", Duration::from_millis(20));
        report.error("book", "internal");
        report.error("book", "internal");
        let step = Step {
            clients: 15,
            seconds: 1.0,
            window: report.take_window(STEP),
        };
        let errors = breach(&step, 200.0, 0.001).expect("errors");
        assert!(errors.starts_with("errors"), "{errors}");
        assert!(step.line().contains("15 clients"));
    }

    #[test]
    fn counters_make_most_sessions() {
        let share = counter_share();
        assert!((0.7..0.85).contains(&share), "{share}");
    }
}
