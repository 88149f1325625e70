//! Several attempts and several servers at once: concurrent repeats of one Idempotency-Key
//! make one change, and two replicas on one database send each SMS confirmation once.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use common::key;
use cup_api::{BookRequest, HoldRequest};
use cup_server::infra::sms::{SmsSender, SpoolSender};
use cup_server::{ManualClock, ServerConfig};

/// Sixteen copies of one hold request, same key, sent at once: one hold is made and every
/// copy gets its answer (the first attempt's, replayed) — none is refused as "in flight".
async fn concurrent_repeats(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let slot = server.offers(&session, &nre, 0, 1).await[0].slot_id;
    let k = key();
    let request = HoldRequest {
        nre: nre.clone(),
        line: 0,
        slot_id: slot,
        reschedule: None,
    };
    let attempts = (0..16).map(|_| server.client.hold(&session.token, &k, &request));
    let answers = futures::future::join_all(attempts).await;
    let mut ids = Vec::new();
    let mut fresh = 0;
    for answer in answers {
        let answer = answer.expect("every repeat is answered");
        ids.push(answer.value.id);
        if !answer.replayed {
            fresh += 1;
        }
    }
    assert_eq!(fresh, 1, "exactly one attempt made the hold");
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    let db = server.db().await;
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM hold WHERE prescription_id = (SELECT id FROM prescription WHERE nre = '{nre}')"
        ))
        .await,
        1
    );
    // Nothing is left claimed in flight: the claim committed with the hold, as done.
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM idempotency WHERE state <> 'done'")
            .await,
        0
    );
    db.close().await;

    // The same for the booking: one booking, every copy answered with it.
    let k = key();
    let book = BookRequest {
        hold_id: ids[0],
        phone: None,
    };
    let attempts = (0..16).map(|_| server.client.book(&session.token, &k, &book));
    let answers = futures::future::join_all(attempts).await;
    let cups: Vec<String> = answers
        .into_iter()
        .map(|a| a.expect("every repeat is answered").value.cup_number)
        .collect();
    assert!(cups.iter().all(|c| *c == cups[0]), "{cups:?}");
    let db = server.db().await;
    assert_eq!(
        db.scalar(&format!(
            "SELECT COUNT(*) FROM booking WHERE slot_id = {slot}"
        ))
        .await,
        1
    );
    db.close().await;
}
on_both_backends!(
    concurrent_repeats_of_one_key_change_once,
    concurrent_repeats
);

/// A gateway that takes its time (200 ms a message), so that a sender that did not claim its
/// messages would be caught sending one while the other replica picks the same one up.
struct SlowGateway(SpoolSender);

#[async_trait::async_trait]
impl SmsSender for SlowGateway {
    async fn send(&self, phone: &str, body: &str) -> Result<(), String> {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        self.0.send(phone, body).await
    }
}

/// Two replicas on one database each run the SMS sender: every confirmation goes out once.
async fn two_senders(server: &common::TestServer) {
    let dir = tempfile::tempdir().expect("temp dir");
    let spool_b = dir.path().join("sms-b.jsonl");
    let (store, _) = cup_server::prepare_store(&server.db_url, 4, None, server.clock.as_ref())
        .await
        .expect("second replica's store");
    let clock: Arc<ManualClock> = server.clock.clone();
    let replica_b = cup_server::start(
        "127.0.0.1:0".parse().expect("address"),
        store,
        clock,
        ServerConfig::default(),
        Arc::new(SlowGateway(SpoolSender::new(Some(spool_b.clone())))),
    )
    .await
    .expect("second replica");

    const N: usize = 24;
    let patients = server.add_patients("visit_p", N).await;
    let sessions = server.login_all(&patients).await;
    let mut cups = Vec::new();
    for (patient, session) in patients.iter().zip(&sessions) {
        let offers = server.offers(session, &patient.nre, 0, 40).await;
        let mut booked = None;
        for offer in offers {
            let held = server
                .client
                .hold(
                    &session.token,
                    &key(),
                    &HoldRequest {
                        nre: patient.nre.clone(),
                        line: 0,
                        slot_id: offer.slot_id,
                        reschedule: None,
                    },
                )
                .await;
            if let Ok(held) = held {
                booked = Some(
                    server
                        .book_hold(session, held.value.id, Some("+39 348 714 7380"))
                        .await,
                );
                break;
            }
        }
        cups.push(booked.expect("a free slot").cup_number);
    }
    // Every message is out within a few rounds of both senders.
    let count_in = |text: &str, counts: &mut HashMap<String, usize>| {
        for line in text.lines() {
            let line: serde_json::Value = serde_json::from_str(line).expect("json line");
            let body = line["body"].as_str().expect("body");
            for cup in &cups {
                if body.contains(cup.as_str()) {
                    *counts.entry(cup.clone()).or_default() += 1;
                }
            }
        }
    };
    let mut counts = HashMap::new();
    for _ in 0..200 {
        counts.clear();
        for path in [&server.sms_spool, &spool_b] {
            count_in(
                &std::fs::read_to_string(path).unwrap_or_default(),
                &mut counts,
            );
        }
        if counts.len() == N {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A few more rounds of both senders: nothing is sent again.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    counts.clear();
    for path in [&server.sms_spool, &spool_b] {
        count_in(
            &std::fs::read_to_string(path).unwrap_or_default(),
            &mut counts,
        );
    }
    let by_b = std::fs::read_to_string(&spool_b)
        .unwrap_or_default()
        .lines()
        .count();
    eprintln!(
        "SMS sent by replica A: {}, by replica B: {by_b}",
        N.saturating_sub(by_b)
    );
    assert_eq!(counts.len(), N, "every booking's SMS was sent");
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    let db = server.db().await;
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM sms_outbox WHERE sent_at IS NULL")
            .await,
        0
    );
    db.close().await;
    replica_b.stop().await;
}
on_both_backends!(two_replicas_send_each_sms_once, two_senders);
