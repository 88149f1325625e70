//! The bare HTTP baseline (issue 8, "the limit"): how many requests per second the same HTTP
//! stack answers when the handler does nothing, under the same load as the booking runs.
//!
//! - `serve-bare`: a separate process serving `GET /bare` and `POST /bare` on the stack of
//!   cup-server (a tokio multi-thread runtime, `axum::serve` on a `TcpListener`, HTTP/1.1
//!   keep-alive) with no database, no middleware and nothing else: `POST` decodes a hold
//!   request's JSON body, both answer a hold's JSON document (a `HoldView`, about 570 bytes).
//! - `bare`: N closed-loop clients without pause on one `reqwest::Client` built as cup-client
//!   builds its own (same timeouts, redirect policy, user agent, default pool and HTTP/1.1),
//!   each alternating a `GET` and a `POST` with a hold's headers (channel, bearer token,
//!   Idempotency-Key) and body, decoding every answer; the report is cup-load's.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::routing::get;
use cup_api::{FacilityView, HoldRequest, HoldView, Offer};
use cup_client::{CONNECT_TIMEOUT, IdempotencyKey, REQUEST_TIMEOUT, USER_AGENT};
use rand::Rng;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use serde_json::{Value, json};
use tokio::net::TcpListener;

use crate::report::{PROGRESS, Report};

/// The path of the bare handler.
pub const PATH: &str = "/bare";

#[derive(Debug, clap::Args, Clone)]
pub struct ServeArgs {
    #[arg(long, default_value = "127.0.0.1:18190")]
    pub listen: SocketAddr,
    /// Worker threads of the runtime (default: tokio's, one per core, as cup-server).
    #[arg(long)]
    pub workers: Option<usize>,
}

#[derive(Debug, clap::Args, Clone)]
pub struct LoadArgs {
    #[arg(long, default_value = "http://127.0.0.1:18190")]
    pub url: String,
    #[arg(long, default_value_t = 100)]
    pub clients: usize,
    /// Seconds of measured load.
    #[arg(long, default_value_t = 30)]
    pub duration: u64,
    /// Seconds of load before the measure, not counted (connections opened, caches warm).
    #[arg(long, default_value_t = 0)]
    pub warmup_secs: u64,
    /// Seconds between two progress lines (stderr).
    #[arg(long, default_value_t = 5)]
    pub progress_secs: u64,
    /// Also write the report as JSON here.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

// --- the server ----------------------------------------------------------------------------

/// The bare routes: `GET /bare` and `POST /bare`, nothing else.
pub fn router() -> Router {
    Router::new().route(PATH, get(answer_get).post(answer_post))
}

/// A hold's answer, for a request (or a made-up one).
fn hold_view(request: Option<HoldRequest>) -> HoldView {
    let now = cup_clock::now();
    let (nre, line, slot_id) = request.map_or_else(
        || ("0900A4000000001".to_owned(), 1, 1_000_001),
        |r| (r.nre, r.line, r.slot_id),
    );
    HoldView {
        id: slot_id.wrapping_mul(7),
        nre,
        line,
        offer: Offer {
            slot_id,
            starts_at: now + chrono::Duration::days(12),
            ends_at: now + chrono::Duration::days(12) + chrono::Duration::minutes(20),
            unit: "[104]-CARDIOLOGIA AMB.ECOCOLORDOPPL.VASC.".to_owned(),
            facility: FacilityView {
                id: 41,
                name: "Presidio Ospedaliero Santo Stefano".to_owned(),
                address: "Via Suor Niccolina Infermiera 20/22".to_owned(),
                city: "Prato".to_owned(),
                province: "PO".to_owned(),
                zone_id: 7,
                zone: "Pratese".to_owned(),
                lat: 43.8777,
                lon: 11.0955,
            },
            distance_km: 3.4,
            inside_guarantee: true,
        },
        expires_at: now + chrono::Duration::minutes(10),
        server_time: now,
        can_extend: true,
        cancel_by: cup_domain::cancel_deadline(now + chrono::Duration::days(12)),
    }
}

async fn answer_get() -> Json<HoldView> {
    Json(hold_view(None))
}

async fn answer_post(Json(request): Json<HoldRequest>) -> Json<HoldView> {
    Json(hold_view(Some(request)))
}

/// Serves the bare routes on `listener` until the task is dropped, as cup-server serves its
/// API (`axum::serve`, no layers).
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    axum::serve(listener, router()).await
}

/// `cup-load serve-bare`: on this runtime, or on its own with `--workers` threads.
pub async fn serve_main(args: ServeArgs) -> ExitCode {
    async fn run(listen: SocketAddr) -> Result<(), String> {
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        println!("cup-load serve-bare: listening on http://{addr}{PATH}");
        serve(listener).await.map_err(|e| e.to_string())
    }
    let result = match args.workers {
        None => run(args.listen).await,
        Some(workers) => {
            let (done, finished) = tokio::sync::oneshot::channel();
            std::thread::spawn(move || {
                let result = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(workers.max(1))
                    .enable_all()
                    .build()
                    .map_err(|e| format!("cannot start the runtime: {e}"))
                    .and_then(|rt| rt.block_on(run(args.listen)));
                let _ = done.send(result);
            });
            finished
                .await
                .unwrap_or_else(|_| Err("the server's thread panicked".into()))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cup-load serve-bare: {e}");
            ExitCode::from(2)
        }
    }
}

// --- the load ------------------------------------------------------------------------------

/// What a bare run measured.
pub struct Outcome {
    pub text: String,
    #[cfg_attr(not(test), expect(dead_code, reason = "the test reads it"))]
    pub json: Value,
    /// Requests answered (and decoded) within the measure, and failed ones.
    pub requests: u64,
    pub errors: u64,
    #[cfg_attr(not(test), expect(dead_code, reason = "the test reads it"))]
    pub seconds: f64,
}

/// The HTTP client of the run: built as `CupClient::new` builds its own.
fn http_client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(USER_AGENT)
        .build()
        .map_err(|e| e.to_string())
}

/// The error code of a failed call, as the report keys it.
fn failure(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timeout".into()
    } else if error.is_connect() {
        "unreachable".into()
    } else if error.is_decode() || error.is_body() {
        "bad_body".into()
    } else {
        "transport".into()
    }
}

/// One call: a `GET`, or a `POST` with a hold's body and headers; the answer decoded.
async fn call(http: &reqwest::Client, url: &reqwest::Url, post: bool) -> Result<(), String> {
    let mut request = if post {
        let body = HoldRequest {
            nre: "0900A4000000001".to_owned(),
            line: 1,
            slot_id: rand::rng().random_range(1..10_000_000),
            reschedule: None,
        };
        let body = serde_json::to_vec(&body).map_err(|e| e.to_string())?;
        http.post(url.clone())
            .header(CONTENT_TYPE, "application/json")
            .header(
                HeaderName::from_static(cup_api::IDEMPOTENCY_HEADER),
                IdempotencyKey::new().as_str(),
            )
            .body(body)
    } else {
        http.get(url.clone())
    };
    request = request
        .header(
            HeaderName::from_static(cup_api::CHANNEL_HEADER),
            HeaderValue::from_static(cup_api::Channel::Sportello.as_str()),
        )
        .header(ACCEPT, "application/json")
        .header(AUTHORIZATION, BEARER);
    let response = request.send().await.map_err(|e| failure(&e))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| failure(&e))?;
    if !status.is_success() {
        return Err(format!("http_{}", status.as_u16()));
    }
    serde_json::from_slice::<HoldView>(&body)
        .map(|_| ())
        .map_err(|_| "bad_body".into())
}

/// A session token's header (64 hex digits, as cup-server's).
const BEARER: &str = "Bearer 5f0c3b9e2a7d41c8b6e9f01a2d3c4b5e6f708192a3b4c5d6e7f8091a2b3c4d5e";

/// `cup-load bare`: `clients` closed-loop clients for the warm-up and then the measure.
pub async fn run(args: &LoadArgs) -> Result<Outcome, String> {
    let url: reqwest::Url = format!("{}{PATH}", args.url.trim_end_matches('/'))
        .parse()
        .map_err(|e| format!("bad --url: {e}"))?;
    let http = http_client()?;
    call(&http, &url, false)
        .await
        .map_err(|e| format!("the bare server at {url} does not answer: {e}"))?;
    let clients = args.clients.max(1);
    let duration = Duration::from_secs(args.duration.max(1));
    let warmup = Duration::from_secs(args.warmup_secs);
    let progress = Duration::from_secs(args.progress_secs.max(1));
    eprintln!(
        "cup-load bare: {clients} clients on {url}, warm-up {} s, measure {} s",
        warmup.as_secs(),
        duration.as_secs()
    );

    let report = Arc::new(Report::default());
    let measuring = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::with_capacity(clients);
    for i in 0..clients {
        let (http, url, report, measuring, stop, errors) = (
            http.clone(),
            url.clone(),
            report.clone(),
            measuring.clone(),
            stop.clone(),
            errors.clone(),
        );
        tasks.push(tokio::spawn(async move {
            // Half the clients start with a POST: both methods are in flight at any time.
            let mut post = i % 2 == 1;
            while !stop.load(Ordering::Relaxed) {
                let counted = measuring.load(Ordering::Relaxed);
                let operation = if post { "post" } else { "get" };
                let started = Instant::now();
                let result = call(&http, &url, post).await;
                let took = started.elapsed();
                post = !post;
                // Only calls made wholly inside the measure count.
                let counted = counted && !stop.load(Ordering::Relaxed);
                match result {
                    Ok(()) if counted => {
                        report.record(operation, took);
                        report.record("request", took);
                    }
                    Ok(()) => {}
                    Err(code) => {
                        if counted {
                            report.error(operation, &code);
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                        // No hot loop against a server that is gone.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                }
            }
        }));
    }

    if !warmup.is_zero() {
        tokio::time::sleep(warmup).await;
    }
    let _ = report.take_window(PROGRESS);
    measuring.store(true, Ordering::Relaxed);
    let started = Instant::now();
    let mut last = Instant::now();
    while started.elapsed() < duration {
        tokio::time::sleep((duration - started.elapsed()).min(Duration::from_millis(100))).await;
        if last.elapsed() >= progress {
            let seconds = last.elapsed().as_secs_f64();
            last = Instant::now();
            let w = report.take_window(PROGRESS);
            eprintln!(
                "[{:>5.0}s] requests/s {:.0} | p99 ms {:.2} | errors {}",
                started.elapsed().as_secs_f64(),
                w.count("request") as f64 / seconds,
                w.p99("request"),
                w.errors
            );
        }
    }
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed();
    for task in tasks {
        let _ = task.await;
    }

    let seconds = elapsed.as_secs_f64();
    let requests = report.count("request");
    let errors = errors.load(Ordering::Relaxed);
    let per_s = requests as f64 / seconds.max(1e-9);
    let mut text = format!(
        "== cup-load bare ==\n{clients} clients, load {seconds:.1} s (warm-up {} s not counted), \
         GET and POST {PATH} alternately\n",
        warmup.as_secs()
    );
    text.push_str(&report.render(elapsed));
    let mut json = report.to_json(elapsed);
    let all = json["operations"]["request"].clone();
    text.push_str(&format!(
        "bare: {clients} clients, {requests} requests in {seconds:.1} s = {per_s:.0} requests/s, \
         p50 {:.2} ms, p99 {:.2} ms, errors {errors}\n",
        all["p50_ms"].as_f64().unwrap_or(0.0),
        all["p99_ms"].as_f64().unwrap_or(0.0),
    ));
    json["scenario"] = json!("bare");
    json["clients"] = json!(clients);
    json["warmup_s"] = json!(warmup.as_secs());
    json["requests"] = json!(requests);
    json["requests_per_s"] = json!(per_s);
    json["error_count"] = json!(errors);
    if let Some(path) = &args.json {
        let body = serde_json::to_string_pretty(&json).unwrap_or_default();
        std::fs::write(path, body).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(Outcome {
        text,
        json,
        requests,
        errors,
        seconds,
    })
}

/// `cup-load bare`: prints the report; exit 1 when a request failed (or none was answered),
/// 2 when it could not run.
pub async fn load_main(args: LoadArgs) -> ExitCode {
    match run(&args).await {
        Ok(outcome) => {
            print!("{}", outcome.text);
            if outcome.errors > 0 || outcome.requests == 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("cup-load bare: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real server on a free port and real clients: requests answered, none failed.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_bare_server_answers_the_bare_load() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(serve(listener));
        let json = tempfile::NamedTempFile::new().expect("temp file");
        let outcome = run(&LoadArgs {
            url: format!("http://{addr}"),
            clients: 4,
            duration: 1,
            warmup_secs: 0,
            progress_secs: 5,
            json: Some(json.path().to_owned()),
        })
        .await
        .expect("the run");
        server.abort();

        assert!(outcome.requests > 20, "{}", outcome.text);
        assert_eq!(outcome.errors, 0, "{}", outcome.text);
        assert!((0.9..3.0).contains(&outcome.seconds), "{}", outcome.seconds);
        assert!(outcome.text.contains("errors: none"), "{}", outcome.text);
        let ops = &outcome.json["operations"];
        let (gets, posts) = (ops["get"]["count"].as_u64(), ops["post"]["count"].as_u64());
        assert!(gets.unwrap_or(0) > 0 && posts.unwrap_or(0) > 0, "{ops}");
        assert_eq!(
            gets.unwrap_or(0) + posts.unwrap_or(0),
            outcome.requests,
            "{ops}"
        );
        let written: Value =
            serde_json::from_slice(&std::fs::read(json.path()).expect("json")).expect("valid");
        assert_eq!(written["requests"], outcome.requests);
        assert_eq!(written["scenario"], "bare");
    }

    #[test]
    fn the_answer_is_a_hold_of_a_few_hundred_bytes() {
        let body = serde_json::to_vec(&hold_view(Some(HoldRequest {
            nre: "0900A4000000042".into(),
            line: 2,
            slot_id: 1234,
            reschedule: None,
        })))
        .expect("json");
        assert!((300..700).contains(&body.len()), "{}", body.len());
        let back: HoldView = serde_json::from_slice(&body).expect("a hold");
        assert_eq!((back.nre.as_str(), back.line), ("0900A4000000042", 2));
        assert_eq!(back.offer.slot_id, 1234);
    }
}
