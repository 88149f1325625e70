//! What a review found under attack (issue 13), each kept fixed: a slow client is cut off;
//! sessions have an absolute lifetime; a forged X-Forwarded-For picks no address; the
//! database and the SMS spool are the server's alone; an ops token too short to be a secret
//! stops the server.

mod common;

use std::time::Duration;

use chrono::TimeDelta;
use common::expect_err;
use cup_api::{Channel, PrescriptionLoginRequest};
use cup_client::CupClient;
use cup_server::ServerConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// 50 clients that send half a request's headers and then nothing: all cut off once the
/// header-read timeout passes (before: 200 of 200 still open after 45 s), while a normal
/// request is answered throughout.
async fn slow_clients(server: &common::TestServer) {
    let address = server.url.trim_start_matches("http://").to_owned();
    let mut slow = Vec::new();
    for _ in 0..50 {
        let mut stream = tokio::net::TcpStream::connect(&address)
            .await
            .expect("connect");
        stream
            .write_all(b"GET /health HTTP/1.1\r\nHost: cup\r\nX-Slow: ")
            .await
            .expect("write");
        slow.push(stream);
    }
    server.client.health().await.expect("answered meanwhile");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut closed = 0;
    for stream in &mut slow {
        let mut buf = [0u8; 512];
        // Closed: EOF, or an error answer (408) then EOF; never left waiting.
        match tokio::time::timeout(Duration::from_secs(2), stream.read(&mut buf)).await {
            Ok(Ok(_)) | Ok(Err(_)) => closed += 1,
            Err(_) => {}
        }
    }
    assert_eq!(closed, 50, "slow clients still connected");
}
on_both_backends_with!(
    slow_clients_are_cut_off,
    ServerConfig {
        header_read_timeout: Duration::from_secs(1),
        ..ServerConfig::default()
    },
    slow_clients
);

/// A session used every 25 minutes slides, but ends at its absolute lifetime (before: a
/// token used every 65 s lived for ever).
async fn absolute_lifetime(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    for _ in 0..4 {
        server.advance(TimeDelta::minutes(25));
        server
            .client
            .patient(&session.token)
            .await
            .expect("an active session slides");
    }
    // 125 minutes after login: past the two hours however active.
    server.advance(TimeDelta::minutes(25));
    expect_err(
        server.client.patient(&session.token).await,
        401,
        "session_expired",
    );
}
on_both_backends_with!(
    sessions_end_at_their_absolute_lifetime,
    ServerConfig {
        session_max_lifetime: Duration::from_secs(2 * 3600),
        ..ServerConfig::default()
    },
    absolute_lifetime
);

/// Through a trusted proxy, the client is the rightmost hop the proxy saw: whatever a client
/// writes on the left of X-Forwarded-For is not believed, so rotating it does not escape the
/// per-pair limit (before: 100 identities from one socket, no 429).
async fn forged_forwarded_for(server: &common::TestServer) {
    let c = server.citizen("visit_p");
    let wrong = PrescriptionLoginRequest {
        codice_fiscale: c.codice_fiscale.clone(),
        tessera: c.tessera.clone(),
        nre: "0900A9999999999".into(),
        privacy_consent: true,
    };
    let from = |forged: &str| {
        let mut headers = reqwest::header::HeaderMap::new();
        // What the client wrote, then what the proxy appended: the client's real address.
        headers.insert(
            "x-forwarded-for",
            format!("{forged}, 203.0.113.77").parse().expect("header"),
        );
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .expect("http");
        CupClient::with_http(http, &server.url, Channel::App).expect("client")
    };
    for i in 0..5 {
        expect_err(
            from(&format!("198.51.100.{i}"))
                .login_prescription(&wrong)
                .await,
            401,
            "authentication_failed",
        );
    }
    expect_err(
        from("198.51.100.99").login_prescription(&wrong).await,
        429,
        "too_many_attempts",
    );
}
on_both_backends_with!(
    a_forged_forwarded_for_picks_no_address,
    ServerConfig {
        trusted_proxies: vec!["127.0.0.1/32".parse().expect("proxy")],
        ..ServerConfig::default()
    },
    forged_forwarded_for
);

#[test]
fn the_client_is_the_rightmost_untrusted_hop() {
    use cup_server::api::extract::client_address;
    let ip = |s: &str| s.parse::<std::net::IpAddr>().expect("ip");
    let proxies: Vec<ipnet::IpNet> = vec!["10.0.0.0/8".parse().expect("net")];
    let client = |peer: &str, header: &[&str]| {
        client_address(ip(peer), header.iter().copied(), &proxies).to_string()
    };
    // From a proxy: the rightmost hop that is not a proxy.
    assert_eq!(client("10.0.0.1", &["1.2.3.4, 5.6.7.8"]), "5.6.7.8");
    assert_eq!(
        client("10.0.0.1", &["1.2.3.4, 5.6.7.8, 10.0.0.2"]),
        "5.6.7.8"
    );
    assert_eq!(client("10.0.0.1", &["1.2.3.4", "5.6.7.8"]), "5.6.7.8");
    // From anyone else the header is ignored.
    assert_eq!(client("5.6.7.8", &["1.2.3.4"]), "5.6.7.8");
    // A hop that is not an address ends the chain at the last proxy.
    assert_eq!(client("10.0.0.1", &["1.2.3.4, junk"]), "10.0.0.1");
    assert_eq!(client("10.0.0.1", &[]), "10.0.0.1");
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_and_the_sms_spool_are_the_servers_alone() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| {
        std::fs::metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .permissions()
            .mode()
            & 0o777
    };
    // A database in folders that do not exist yet (before: 0644 in 0755).
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("data").join("cup").join("cup.db");
    let store = cup_server::store::open(&format!("sqlite://{}", db.display()), 2)
        .await
        .expect("store");
    store.migrate().await.expect("migrate");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&dir.path().join("data")), 0o700);
    assert_eq!(mode(&dir.path().join("data").join("cup")), 0o700);
    assert_eq!(mode(&db.with_extension("db-wal")), 0o600);
    store.close().await;

    // The SMS spool: phone numbers (before: 0644).
    let server = common::TestServer::start(common::Db::Sqlite)
        .await
        .expect("server");
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offers = server.offers(&session, &nre, 0, 1).await;
    let hold = server.hold(&session, &nre, 0, offers[0].slot_id).await;
    let _ = server
        .book_hold(&session, hold.id, Some("+39 347 714 7380"))
        .await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !server.sms_spool.exists() {
        assert!(std::time::Instant::now() < deadline, "no SMS was spooled");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(mode(&server.sms_spool), 0o600);
    let db = std::path::PathBuf::from(server.db_url.trim_start_matches("sqlite://"));
    assert_eq!(mode(&db), 0o600);
    server.stop().await;
}

#[test]
fn an_ops_token_too_short_to_be_a_secret_stops_the_server() {
    // Before: silently dropped, the operators' door closed without a word.
    for token in ["short", "with spaces in it"] {
        let dir = tempfile::tempdir().expect("dir");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cup-server"))
            .args(["--database", "sqlite://cup.db", "--listen", "127.0.0.1:0"])
            .env("CUP_OPS_TOKEN", token)
            .current_dir(dir.path())
            .output()
            .expect("cup-server runs");
        let log = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{token:?}");
        assert!(
            log.contains("must be at least 16 visible characters"),
            "{token:?}: {log}"
        );
        assert!(
            !dir.path().join("cup.db").exists(),
            "refused before anything was created"
        );
    }
}
