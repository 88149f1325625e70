//! `CUP_TODAY`: the `cup-server` binary runs as if today were another day (cup-clock), its
//! demo region generated for that day and its answers dated by it; a value that is not a date
//! stops it at once with a clear message.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use cup_api::{AvailabilityQuery, Channel, HoldRequest, PrescriptionLoginRequest};
use cup_client::{CupClient, IdempotencyKey};
use cup_domain::time::{rome_date, to_rome};
use cup_server::demo::{DemoConfig, DemoRegion, Profile};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_runs_as_if_today_were_another_day() {
    let today = NaiveDate::from_ymd_opt(2028, 2, 29).expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_cup-server"))
            .args(["--database"])
            .arg(format!("sqlite://{}", dir.path().join("cup.db").display()))
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .env("CUP_TODAY", today.to_string())
            .env_remove("CUP_DATABASE_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cup-server starts"),
    );
    let client = CupClient::new(&format!("http://127.0.0.1:{port}"), Channel::App).expect("client");
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.health().await.is_err() {
        assert!(Instant::now() < deadline, "cup-server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // The showcase citizen of every day, from the generator.
    let region = DemoRegion::generate(&DemoConfig {
        seed: 42,
        profile: Profile::Small,
        start_day: today,
    });
    let giulia = region.showcase_login("visit_p").expect("GIULIA");
    let session = client
        .login_prescription(&PrescriptionLoginRequest {
            codice_fiscale: giulia.codice_fiscale.clone(),
            tessera: giulia.tessera.clone(),
            nre: giulia.nre.clone(),
            privacy_consent: true,
        })
        .await
        .expect("GIULIA logs in");
    let prescription = client
        .prescription(&session.token, &giulia.nre)
        .await
        .expect("prescription");
    assert_eq!(prescription.issued_on, today - Days::new(5));
    let offers = client
        .availability(
            &session.token,
            &giulia.nre,
            &AvailabilityQuery {
                line: 0,
                limit: Some(5),
                ..AvailabilityQuery::default()
            },
        )
        .await
        .expect("availability");
    let first = offers.offers.first().expect("an offer");
    let first_day = to_rome(first.starts_at).date_naive();
    assert!(
        first_day > today && first_day <= today + Days::new(7),
        "the first offer is days after {today}, not {first_day}"
    );
    let hold = client
        .hold(
            &session.token,
            &IdempotencyKey::new(),
            &HoldRequest {
                nre: giulia.nre.clone(),
                line: 0,
                slot_id: first.slot_id,
                reschedule: None,
            },
        )
        .await
        .expect("hold")
        .value;
    assert_eq!(rome_date(hold.server_time), today, "the server's own clock");
    drop(server);
}

#[test]
fn a_today_that_is_not_a_date_stops_the_server() {
    let dir = tempfile::tempdir().expect("dir");
    let out = Command::new(env!("CARGO_BIN_EXE_cup-server"))
        .args([
            "--database",
            "sqlite://unused.db",
            "--listen",
            "127.0.0.1:0",
        ])
        .env("CUP_TODAY", "31/12/2027")
        .current_dir(dir.path())
        .output()
        .expect("cup-server runs");
    assert!(!out.status.success());
    assert!(
        !dir.path().join("unused.db").exists(),
        "nothing was created"
    );
    let log = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(
        log.contains("CUP_TODAY must be a date as YYYY-MM-DD"),
        "{log}"
    );
}
