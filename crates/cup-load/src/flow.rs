//! One session of a citizen online or of an operator at a counter, following its plan: log
//! in, search (and look at the calendar), hold one of the first offers (another on
//! contention), then book, release or walk away; after a booking, perhaps cancel or move it.
//!
//! Every mutating call is retried with the SAME Idempotency-Key until a definite answer (a
//! success or a refusal) or the deadline: a server killed mid-request answers the retry with
//! the first response, so a booking is never made twice nor lost.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cup_api::{
    AvailabilityQuery, BookRequest, CalendarQuery, Channel, HoldRequest, HoldView, Offer,
    PrescriptionLoginRequest, RescheduleRequest, SearchScope,
};
use cup_client::{ClientError, CupClient, IdempotencyKey, Token};
use rand::Rng;
use rand::rngs::SmallRng;

use crate::citizens::Patient;
use crate::ledger::Ledger;
use crate::mix::{AfterBook, AfterHold, Class, Mix, Zipf};
use crate::pool::{PatientPool, Take};
use crate::report::Report;

/// Why an operation ended without success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A definite refusal (the code).
    Refused(String),
    /// No definite answer before the deadline: the outcome is unknown.
    Unknown,
}

/// What the sessions share.
pub struct Ctx {
    clients: Vec<(Channel, CupClient)>,
    pub report: Arc<Report>,
    pub ledger: Arc<Ledger>,
    pub pool: Arc<PatientPool>,
    pub offers: Zipf,
    /// How long an operation is retried before its outcome is given up as unknown.
    pub deadline: Duration,
    /// Mean pause between a session's steps (zero: none).
    pub think: Duration,
    /// Sessions running now, and started in all.
    pub live: AtomicUsize,
    pub started: AtomicUsize,
}

impl Ctx {
    pub fn new(
        url: &str,
        report: Arc<Report>,
        ledger: Arc<Ledger>,
        pool: Arc<PatientPool>,
        offer_skew: f64,
        deadline: Duration,
        think: Duration,
    ) -> Result<Ctx, ClientError> {
        let mut clients = Vec::new();
        for channel in Channel::ALL {
            clients.push((channel, CupClient::new(url, channel)?));
        }
        Ok(Ctx {
            clients,
            report,
            ledger,
            pool,
            offers: Zipf::new(10, offer_skew),
            deadline,
            think,
            live: AtomicUsize::new(0),
            started: AtomicUsize::new(0),
        })
    }

    fn client(&self, channel: Channel) -> &CupClient {
        self.clients
            .iter()
            .find(|(c, _)| *c == channel)
            .map(|(_, client)| client)
            .unwrap_or(&self.clients[0].1)
    }

    /// Calls until a definite answer: retryable failures (the server unreachable, 503, the
    /// same key still in flight) are retried, the caller's closure reusing its key.
    pub async fn definite<T, F, Fut>(
        &self,
        operation: &'static str,
        mut call: F,
    ) -> Result<T, Failure>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        let started = Instant::now();
        let mut backoff = Duration::from_millis(50);
        loop {
            match call().await {
                Ok(value) => {
                    self.report.record(operation, started.elapsed());
                    return Ok(value);
                }
                Err(e) if e.retryable() => {
                    if started.elapsed() >= self.deadline {
                        self.report.error(operation, "no_answer_before_deadline");
                        return Err(Failure::Unknown);
                    }
                    self.report.retry(operation, e.code());
                    let jitter = Duration::from_millis(rand::rng().random_range(0..50));
                    let wait = e
                        .retry_after()
                        .unwrap_or(backoff)
                        .min(Duration::from_secs(2));
                    tokio::time::sleep(wait + jitter).await;
                    backoff = (backoff * 2).min(Duration::from_secs(1));
                }
                Err(e) => {
                    self.report.error(operation, e.code());
                    return Err(Failure::Refused(e.code().to_owned()));
                }
            }
        }
    }

    async fn pause(&self, rng: &mut SmallRng) {
        if self.think.is_zero() {
            return;
        }
        let u: f64 = rng.random_range(1e-6..1.0);
        let wait = self.think.mul_f64(-u.ln()).min(self.think * 10);
        tokio::time::sleep(wait).await;
    }
}

/// Counts a running session.
struct Running<'a>(&'a Ctx);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.live.fetch_sub(1, Ordering::Relaxed);
    }
}

/// What became of the patient's line: free again, booked (with its CUP number when known
/// for sure: a later session may cancel it), or out of the run.
enum End {
    Free,
    Booked(Option<String>),
}

/// One session of `class`, following a plan drawn from `mix`.
pub async fn session(ctx: &Ctx, class: Class, mix: &Mix, rng: &mut SmallRng) {
    ctx.live.fetch_add(1, Ordering::Relaxed);
    ctx.started.fetch_add(1, Ordering::Relaxed);
    let _running = Running(ctx);
    let client = ctx.client(class.channel(rng));
    let (index, end) = match ctx.pool.take_or_manage(rng) {
        None => {
            ctx.report.error("session", "no_free_citizen");
            tokio::time::sleep(Duration::from_millis(100)).await;
            return;
        }
        Some(Take::Fresh(index)) => {
            let plan = mix.plan(rng);
            let patient = ctx.pool.patient(index);
            (index, run_plan(ctx, client, patient, plan, rng).await)
        }
        Some(Take::Booked(index, cup)) => {
            let patient = ctx.pool.patient(index);
            (index, manage(ctx, client, patient, cup).await)
        }
    };
    match end {
        End::Free => ctx.pool.put(index),
        End::Booked(Some(cup)) => ctx.pool.booked(index, cup),
        End::Booked(None) => {}
    }
}

async fn login(ctx: &Ctx, client: &CupClient, patient: &Patient) -> Option<Token> {
    let login = PrescriptionLoginRequest {
        codice_fiscale: patient.codice_fiscale.clone(),
        tessera: patient.tessera.clone(),
        nre: patient.nre.clone(),
        privacy_consent: true,
    };
    ctx.definite("login", || client.login_prescription(&login))
        .await
        .ok()
        .map(|session| session.token)
}

/// A booking made earlier in the run, cancelled (the citizen calls back).
async fn manage(ctx: &Ctx, client: &CupClient, patient: &Patient, cup: String) -> End {
    let Some(token) = login(ctx, client, patient).await else {
        return End::Booked(Some(cup));
    };
    cancel(ctx, client, &token, cup).await
}

async fn cancel(ctx: &Ctx, client: &CupClient, token: &Token, cup: String) -> End {
    let key = IdempotencyKey::new();
    ctx.ledger.change_started(&cup);
    match ctx
        .definite("cancel", || client.cancel(token, &key, &cup))
        .await
    {
        Ok(_) => {
            ctx.ledger.cancelled(&cup);
            End::Free
        }
        Err(Failure::Refused(_)) => {
            ctx.ledger.change_refused(&cup);
            End::Booked(None)
        }
        Err(Failure::Unknown) => End::Booked(None),
    }
}

async fn run_plan(
    ctx: &Ctx,
    client: &CupClient,
    patient: &Patient,
    plan: crate::mix::Plan,
    rng: &mut SmallRng,
) -> End {
    let Some(token) = login(ctx, client, patient).await else {
        return End::Free;
    };
    ctx.pause(rng).await;
    let mut offers = Vec::new();
    for i in 0..plan.searches.max(1) {
        // The first search asks for the first available; the others browse later dates.
        let from = (i > 0).then(|| {
            cup_domain::time::rome_date(cup_clock::now())
                + chrono::Days::new(rng.random_range(1..90))
        });
        let found = match search(ctx, client, &token, patient, from, None).await {
            Ok(found) => found,
            // Booked meanwhile (or never bookable online): out of the run.
            Err(Failure::Refused(code)) if code == "not_bookable" => return End::Booked(None),
            Err(_) => Vec::new(),
        };
        if i == 0 {
            offers = found;
        }
        ctx.pause(rng).await;
    }
    if plan.calendar {
        let month = offers
            .first()
            .map_or_else(cup_clock::now, |o| o.starts_at)
            .format("%Y-%m")
            .to_string();
        let query = CalendarQuery {
            line: patient.line,
            scope: SearchScope::Region,
            month,
            reschedule: None,
        };
        let _ = ctx
            .definite("calendar", || client.calendar(&token, &patient.nre, &query))
            .await;
    }
    let Some(after) = plan.after_hold else {
        return End::Free;
    };
    let Some(hold) = hold(ctx, client, &token, patient, offers, None, rng).await else {
        return End::Free;
    };
    ctx.pause(rng).await;
    match after {
        AfterHold::Release => {
            let key = IdempotencyKey::new();
            let _ = ctx
                .definite("release", || client.release_hold(&token, &key, hold.id))
                .await;
            End::Free
        }
        AfterHold::Expire => {
            ctx.ledger.left_to_expire();
            End::Free
        }
        AfterHold::Book(then) => {
            let key = IdempotencyKey::new();
            let request = BookRequest {
                hold_id: hold.id,
                phone: None,
            };
            ctx.ledger.create_started();
            let cup = match ctx
                .definite("book", || client.book(&token, &key, &request))
                .await
            {
                Ok(booked) => {
                    ctx.ledger.booked(&booked.value.cup_number);
                    booked.value.cup_number
                }
                Err(Failure::Refused(_)) => {
                    ctx.ledger.create_ended();
                    return End::Free;
                }
                // Perhaps booked: the line stays out of the run.
                Err(Failure::Unknown) => return End::Booked(None),
            };
            ctx.pause(rng).await;
            match then {
                AfterBook::Keep => End::Booked(Some(cup)),
                AfterBook::Cancel => cancel(ctx, client, &token, cup).await,
                AfterBook::Reschedule => reschedule(ctx, client, &token, patient, cup, rng).await,
            }
        }
    }
}

async fn search(
    ctx: &Ctx,
    client: &CupClient,
    token: &Token,
    patient: &Patient,
    from: Option<chrono::NaiveDate>,
    reschedule: Option<&str>,
) -> Result<Vec<Offer>, Failure> {
    let query = AvailabilityQuery {
        line: patient.line,
        scope: SearchScope::Region,
        from,
        limit: Some(10),
        reschedule: reschedule.map(str::to_owned),
        ..Default::default()
    };
    match ctx
        .definite("search", || {
            client.availability(token, &patient.nre, &query)
        })
        .await
    {
        Ok(found) => {
            if found.offers.is_empty() {
                ctx.report.error("search", "no_offers");
            }
            Ok(found.offers)
        }
        Err(e) => Err(e),
    }
}

/// Holds one of the first offers, chosen Zipf-like (the first most often); on contention
/// another, searching again when the list runs out.
async fn hold(
    ctx: &Ctx,
    client: &CupClient,
    token: &Token,
    patient: &Patient,
    mut offers: Vec<Offer>,
    reschedule: Option<&str>,
    rng: &mut SmallRng,
) -> Option<HoldView> {
    for _attempt in 0..4 {
        if offers.is_empty() {
            offers = search(ctx, client, token, patient, None, reschedule)
                .await
                .unwrap_or_default();
            if offers.is_empty() {
                return None;
            }
        }
        let pick = ctx.offers.sample_below(rng, offers.len());
        let slot_id = offers.remove(pick).slot_id;
        let key = IdempotencyKey::new();
        let request = HoldRequest {
            nre: patient.nre.clone(),
            line: patient.line,
            slot_id,
            reschedule: reschedule.map(str::to_owned),
        };
        match ctx
            .definite("hold", || client.hold(token, &key, &request))
            .await
        {
            Ok(hold) => return Some(hold.value),
            Err(Failure::Refused(code)) if code == "slot_unavailable" => continue,
            Err(_) => return None,
        }
    }
    None
}

/// Moves a booking: a new slot is held first, then the move is one step.
async fn reschedule(
    ctx: &Ctx,
    client: &CupClient,
    token: &Token,
    patient: &Patient,
    cup: String,
    rng: &mut SmallRng,
) -> End {
    let offers = search(ctx, client, token, patient, None, Some(&cup))
        .await
        .unwrap_or_default();
    let Some(hold) = hold(ctx, client, token, patient, offers, Some(&cup), rng).await else {
        return End::Booked(Some(cup));
    };
    let key = IdempotencyKey::new();
    let request = RescheduleRequest { hold_id: hold.id };
    ctx.ledger.change_started(&cup);
    ctx.ledger.create_started();
    match ctx
        .definite("reschedule", || {
            client.reschedule(token, &key, &cup, &request)
        })
        .await
    {
        Ok(moved) => {
            ctx.ledger.moved(&cup, &moved.value.cup_number);
            End::Booked(Some(moved.value.cup_number))
        }
        Err(Failure::Refused(_)) => {
            ctx.ledger.change_refused(&cup);
            ctx.ledger.create_ended();
            End::Booked(Some(cup))
        }
        Err(Failure::Unknown) => End::Booked(None),
    }
}
