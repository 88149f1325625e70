//! `cup-load`: drives a running cup-server with many concurrent clients and reports
//! throughput and latency per operation.
//!
//! ```text
//! cup-load bench  --url http://127.0.0.1:8080 --clients 100 --bookings 2000
//! cup-load search --url http://127.0.0.1:8080 --clients 50 --requests 20000 --profile full
//! ```

mod citizens;
mod report;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::{Parser, Subcommand};
use cup_api::{
    AvailabilityQuery, BookRequest, Channel, HoldRequest, PrescriptionLoginRequest, SearchScope,
};
use cup_client::{ClientError, CupClient, IdempotencyKey, Token};
use cup_server::demo::Profile;
use rand::Rng;

use citizens::{Patient, bookable_patients};
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
    /// Complete find -> hold -> book flows, each for another citizen.
    Bench {
        #[command(flatten)]
        common: Common,
        /// Stop after this many completed bookings (or when the citizens run out).
        #[arg(long, default_value_t = 2000)]
        bookings: usize,
    },
    /// Availability searches only.
    Search {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value_t = 20_000)]
        requests: usize,
    },
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
async fn book_one(client: &CupClient, report: &Report, patient: &Patient) -> bool {
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
            Ok(_) => {
                report.record("book", started.elapsed());
                return true;
            }
            Err(e) => {
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

async fn bench(common: Common, bookings: usize) {
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
        let (client, report, next, patients) = (
            client.clone(),
            report.clone(),
            next.clone(),
            patients.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= target {
                    break;
                }
                book_one(&client, &report, &patients[i]).await;
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
                let from = chrono::Utc::now().date_naive() + chrono::Days::new(offset);
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
async fn main() {
    let cli = Cli::parse();
    match cli.scenario {
        Scenario::Bench { common, bookings } => bench(common, bookings).await,
        Scenario::Search { common, requests } => search(common, requests).await,
    }
}
