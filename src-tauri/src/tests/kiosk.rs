//! Kiosk mode through its command functions, against a real cup-server started here (SQLite
//! in a temp dir, the demo region, an ops token for the per-channel statistics): a booking on
//! channel `kiosk`, the promemoria printed (a recorder stands in for CUPS' `lp`), and
//! `kiosk_reset`, which revokes the session on the server and wipes the private folder — also
//! when the server could not be reached at the reset (revoked at the next one), and when a
//! login was still in flight (its late session revoked, never adopted).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use cup_api::{AvailabilityQuery, BookRequest, Channel, HoldRequest};
use cup_client::{CupClient, IdempotencyKey, Token};
use cup_domain::Lang;
use cup_domain::time::rome_date;
use cup_server::infra::sms::SpoolSender;
use cup_server::{DemoSeed, ServerConfig};

use super::{citizen, login_request};
use crate::commands::availability::availability_with;
use crate::commands::patient::patient_with;
use crate::commands::prescription::prescription_with;
use crate::commands::session::login_prescription_with;
use crate::embedded::DEMO_SEED;
use crate::kiosk::commands::{kiosk_print_promemoria_with, kiosk_qr_for, kiosk_reset_with};
use crate::kiosk::print::{self, Printer};
use crate::kiosk::temp::SessionFolder;
use crate::kiosk::{KioskConfig, KioskState};
use crate::state::{BackendHandle, CardVault, DeviceStore, SessionState};

const OPS_TOKEN: &str = "ops-test-token";

struct Kiosk {
    backend: BackendHandle,
    /// The server's address.
    addr: SocketAddr,
    /// The same server, for the test's own checks.
    ops: CupClient,
    session: SessionState,
    kiosk: KioskState,
    tmp: tempfile::TempDir,
    tools: tempfile::TempDir,
    _db: tempfile::TempDir,
}

impl Kiosk {
    async fn start() -> Self {
        let db = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", db.path().join("cup.db").display());
        let seed = DemoSeed {
            profile: cup_server::demo::Profile::Small,
            seed: DEMO_SEED,
        };
        let (store, _) = cup_server::prepare_store(&url, 4, Some(seed), &cup_clock::system())
            .await
            .expect("store");
        let running = cup_server::start(
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            store,
            Arc::new(cup_clock::system()),
            ServerConfig {
                ops_token: Some(OPS_TOKEN.into()),
                ..ServerConfig::default()
            },
            Arc::new(SpoolSender::new(None)),
        )
        .await
        .expect("server starts");
        let config = crate::AppConfig::default().into_kiosk(KioskConfig {
            printer: Some("sala_1".into()),
            ..KioskConfig::default()
        });
        let client = CupClient::new(&running.url(), config.channel()).expect("client");
        let addr = running
            .url()
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .expect("the server's address");
        let ops = CupClient::new(&running.url(), Channel::Web).expect("client");
        let tmp = tempfile::tempdir().expect("temp dir");
        let tools = tempfile::tempdir().expect("temp dir");
        let kiosk = KioskState::with_folder(
            config.kiosk_config.clone(),
            SessionFolder::under(tmp.path().to_owned()),
        )
        .with_printer(Some(Printer {
            program: recorder(tools.path()),
            queue: "sala_1".into(),
        }));
        Kiosk {
            backend: BackendHandle::ready(client, Some(running)),
            addr,
            ops,
            session: SessionState::new(),
            kiosk,
            tmp,
            tools,
            _db: db,
        }
    }

    /// Operations of `operation` on channel `kiosk` today, from the server's statistics.
    async fn kiosk_count(&self, operation: &str) -> u64 {
        let today = rome_date(cup_clock::now());
        let stats = self
            .ops
            .stats(&Token::new(OPS_TOKEN), today)
            .await
            .expect("stats");
        stats
            .operations
            .iter()
            .filter(|o| o.channel == "kiosk" && o.operation == operation)
            .map(|o| o.count)
            .sum()
    }

    /// Everything under the kiosk's temporary directory.
    fn temp_files(&self) -> Vec<std::path::PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
                let path = entry.path();
                out.push(path.clone());
                if path.is_dir() {
                    walk(&path, out);
                }
            }
        }
        let mut files = Vec::new();
        walk(self.tmp.path(), &mut files);
        files
    }
}

/// Stands in for CUPS' `lp`: keeps its arguments and a copy of the file it was given (the
/// boundary this test cannot cross is the print spooler; tests/e2e/kiosk.test.mjs prints
/// through a real, private CUPS scheduler).
fn recorder(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("lp");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{dir}/args'\nfor last; do :; done\ncp \"$last\" '{dir}/printed.pdf'\n",
            dir = dir.display()
        ),
    )
    .expect("write recorder");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script
}

fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils, installed by scripts/setup.sh test)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_books_prints_and_forgets_the_citizen_at_reset() {
    let k = Kiosk::start().await;
    let store = DeviceStore::disabled();
    let vault = CardVault::off();
    let visit = citizen("visit_p");

    // A booking, every call on channel `kiosk`.
    login_prescription_with(&k.backend, &k.session, &store, login_request(&visit))
        .await
        .expect("login");
    let prescription = prescription_with(&k.backend, &k.session, &visit.nre)
        .await
        .expect("prescription");
    let line = prescription
        .lines
        .iter()
        .find(|l| l.bookability.bookable)
        .expect("a bookable line")
        .line;
    let query = AvailabilityQuery {
        line,
        limit: Some(3),
        ..AvailabilityQuery::default()
    };
    let offer = availability_with(&k.backend, &k.session, &visit.nre, &query)
        .await
        .expect("availability")
        .offers
        .first()
        .expect("an offer")
        .clone();
    let request = HoldRequest {
        nre: visit.nre.clone(),
        line,
        slot_id: offer.slot_id,
        reschedule: None,
    };
    // Hold and book with the session's own client (the app's hold and book commands are
    // tested elsewhere; here what matters is the kiosk's channel and its reset).
    let token = k.session.token().await.expect("a live session");
    let client = k.backend.client().await.expect("client");
    let held = client
        .hold(&token, &IdempotencyKey::new(), &request)
        .await
        .expect("hold")
        .into_inner();
    let booking = client
        .book(
            &token,
            &IdempotencyKey::new(),
            &BookRequest {
                hold_id: held.id,
                phone: None,
            },
        )
        .await
        .expect("book")
        .into_inner();
    assert_eq!(
        k.kiosk_count("login").await,
        1,
        "logged in on channel kiosk"
    );
    assert_eq!(k.kiosk_count("book").await, 1, "booked on channel kiosk");

    // Printing: the promemoria of this booking goes to `lp -d sala_1`, through the private
    // folder, which keeps nothing afterwards.
    kiosk_print_promemoria_with(
        &k.backend,
        &k.session,
        &k.kiosk,
        &booking.cup_number,
        Lang::It,
    )
    .await
    .expect("printed");
    let args = std::fs::read_to_string(k.tools.path().join("args")).expect("lp was run");
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(&args[..5], ["-d", "sala_1", "-t", print::JOB_TITLE, "--"]);
    let folder = k.kiosk.folder.path().await.expect("a session folder");
    assert_eq!(Path::new(args[5]), folder.join(print::FILE_NAME));
    let text = pdf_text(&k.tools.path().join("printed.pdf"));
    assert!(
        text.contains(&booking.cup_number),
        "the promemoria of the booking"
    );
    assert!(text.contains(&visit.family_name));
    assert_eq!(
        k.temp_files(),
        vec![folder.clone()],
        "only the empty folder is left"
    );

    // Not one of the session's bookings: the backend says so, nothing is printed.
    let error =
        kiosk_print_promemoria_with(&k.backend, &k.session, &k.kiosk, "999999999999", Lang::It)
            .await
            .unwrap_err();
    assert_eq!(error.code(), "not_found", "{error:?}");
    assert_eq!(
        kiosk_print_promemoria_with(&k.backend, &k.session, &k.kiosk, "12", Lang::It)
            .await
            .unwrap_err()
            .field(),
        Some("cup_number")
    );

    // The reset: the token the kiosk held is revoked on the server, the session is gone here,
    // and so is the private folder.
    client
        .patient(&token)
        .await
        .expect("the token works before the reset");
    kiosk_reset_with(&k.backend, &k.session, &vault, &k.kiosk)
        .await
        .expect("reset");
    let error = client.patient(&token).await.unwrap_err();
    assert_eq!(error.code(), "session_expired", "revoked on the server");
    assert_eq!(
        k.kiosk_count("logout").await,
        1,
        "the logout on channel kiosk"
    );
    let error = patient_with(&k.backend, &k.session).await.unwrap_err();
    assert_eq!(error.code(), "session_expired", "forgotten here");
    assert!(!folder.exists());
    assert!(k.temp_files().is_empty(), "{:?}", k.temp_files());
    assert_eq!(k.kiosk.folder.path().await, None);

    // A second reset (nobody there) is harmless; printing needs a session again.
    kiosk_reset_with(&k.backend, &k.session, &vault, &k.kiosk)
        .await
        .expect("reset again");
    let error = kiosk_print_promemoria_with(
        &k.backend,
        &k.session,
        &k.kiosk,
        &booking.cup_number,
        Lang::It,
    )
    .await
    .unwrap_err();
    assert_eq!(error.code(), "session_expired");
    assert!(k.temp_files().is_empty());

    // The QR code carries the CUP number only.
    let svg = kiosk_qr_for(&booking.cup_number).expect("qr");
    assert!(svg.starts_with("<svg"));
    assert!(
        !svg.contains(&booking.cup_number),
        "encoded, not written out"
    );
    assert_eq!(kiosk_qr_for("abc").unwrap_err().field(), Some("cup_number"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kiosk_commands_outside_a_kiosk_or_without_a_printer() {
    let backend = BackendHandle::failed(crate::AppError::Unreachable);
    let session = SessionState::new();
    let vault = CardVault::off();
    let tmp = tempfile::tempdir().expect("temp dir");
    let ordinary = KioskState::with_folder(None, SessionFolder::under(tmp.path().to_owned()));
    let error = kiosk_reset_with(&backend, &session, &vault, &ordinary)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "not_kiosk");
    let error =
        kiosk_print_promemoria_with(&backend, &session, &ordinary, "202600000005", Lang::It)
            .await
            .unwrap_err();
    assert_eq!(error.code(), "not_kiosk");

    let no_printer = KioskState::with_folder(
        Some(KioskConfig::default()),
        SessionFolder::under(tmp.path().to_owned()),
    );
    let error =
        kiosk_print_promemoria_with(&backend, &session, &no_printer, "202600000005", Lang::It)
            .await
            .unwrap_err();
    assert_eq!(error.code(), print::codes::NO_PRINTER);
    // The reset works even when the backend cannot be reached (the session expires there).
    kiosk_reset_with(&backend, &session, &vault, &no_printer)
        .await
        .expect("reset offline");
    assert_eq!(std::fs::read_dir(tmp.path()).expect("dir").count(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_the_server_could_not_hear_revokes_the_token_at_the_next_one() {
    let k = Kiosk::start().await;
    let store = DeviceStore::disabled();
    let vault = CardVault::off();
    login_prescription_with(
        &k.backend,
        &k.session,
        &store,
        login_request(&citizen("visit_p")),
    )
    .await
    .expect("login");
    let token = k.session.token().await.expect("a live session");
    let client = k.backend.client().await.expect("client");

    // The idle reset comes while the network is down: forgotten here at once...
    let down = BackendHandle::failed(crate::AppError::Unreachable);
    kiosk_reset_with(&down, &k.session, &vault, &k.kiosk)
        .await
        .expect("reset offline");
    let error = patient_with(&k.backend, &k.session).await.unwrap_err();
    assert_eq!(error.code(), "session_expired", "forgotten here");
    // ... but the server could not be told: the token still works there.
    client
        .patient(&token)
        .await
        .expect("not revoked while unreachable");

    // The next reset, with the network back (nobody logged in since): revoked there too.
    kiosk_reset_with(&k.backend, &k.session, &vault, &k.kiosk)
        .await
        .expect("reset");
    let error = client.patient(&token).await.unwrap_err();
    assert_eq!(error.code(), "session_expired", "revoked on the server");
    assert_eq!(k.kiosk_count("logout").await, 1);
    // Nothing left to revoke: a third reset says nothing to the server.
    kiosk_reset_with(&k.backend, &k.session, &vault, &k.kiosk)
        .await
        .expect("reset again");
    assert_eq!(k.kiosk_count("logout").await, 1);
}

/// How long the slow relay holds back each piece of the server's answers.
const SLOW: Duration = Duration::from_millis(800);

/// A TCP relay to the server that holds back every piece of its answers by [`SLOW`] while
/// `slow` is set (a network that is slow to answer); requests go through at once.
async fn slow_relay(server: SocketAddr, slow: Arc<AtomicBool>) -> SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("relay binds");
    let addr = listener.local_addr().expect("relay address");
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let slow = slow.clone();
            tokio::spawn(async move {
                let Ok(mut outbound) = tokio::net::TcpStream::connect(server).await else {
                    return;
                };
                let (mut from_app, mut to_app) = inbound.split();
                let (mut from_server, mut to_server) = outbound.split();
                let requests = async {
                    let _ = tokio::io::copy(&mut from_app, &mut to_server).await;
                    let _ = to_server.shutdown().await;
                };
                let answers = async {
                    let mut buffer = vec![0u8; 16 * 1024];
                    while let Ok(n) = from_server.read(&mut buffer).await {
                        if n == 0 {
                            break;
                        }
                        if slow.load(Ordering::SeqCst) {
                            tokio::time::sleep(SLOW).await;
                        }
                        if to_app.write_all(&buffer[..n]).await.is_err() {
                            break;
                        }
                    }
                    let _ = to_app.shutdown().await;
                };
                tokio::join!(requests, answers);
            });
        }
    });
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_answered_after_the_reset_is_revoked_not_handed_to_the_next_citizen() {
    let k = Kiosk::start().await;
    let store = DeviceStore::disabled();
    let vault = CardVault::off();
    let slow = Arc::new(AtomicBool::new(true));
    let relay = slow_relay(k.addr, slow.clone()).await;
    let relayed = BackendHandle::ready(
        CupClient::new(&format!("http://{relay}"), Channel::Kiosk).expect("client"),
        None,
    );

    // The citizen taps "Accedi", then "Ho finito" (or walks away) before the slow answer.
    let (login, reset) = tokio::join!(
        login_prescription_with(
            &relayed,
            &k.session,
            &store,
            login_request(&citizen("visit_p"))
        ),
        async {
            tokio::time::sleep(SLOW / 4).await;
            kiosk_reset_with(&k.backend, &k.session, &vault, &k.kiosk).await
        }
    );
    slow.store(false, Ordering::SeqCst);
    reset.expect("reset");
    assert_eq!(
        login.map(|_| ()).unwrap_err().code(),
        "session_expired",
        "the late login is not adopted"
    );
    // The next citizen finds no session here...
    let error = patient_with(&k.backend, &k.session).await.unwrap_err();
    assert_eq!(error.code(), "session_expired");
    // ... and the late session was ended on the server at once.
    assert_eq!(k.kiosk_count("login").await, 1);
    assert_eq!(k.kiosk_count("logout").await, 1, "revoked on the server");
}
