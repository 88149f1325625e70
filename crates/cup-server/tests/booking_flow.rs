//! The booking flow end to end over HTTP: login, prescription, offers, hold, book, replay.

mod common;

use cup_api::{AvailabilityQuery, BookRequest, BookingStatus, HoldRequest};
use cup_client::IdempotencyKey;

async fn book_first_offer(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let prescription = server
        .client
        .prescription(&session.token, &nre)
        .await
        .expect("prescription");
    assert!(prescription.lines[0].bookability.bookable);
    let offers = server
        .client
        .availability(
            &session.token,
            &nre,
            &AvailabilityQuery {
                line: 0,
                ..Default::default()
            },
        )
        .await
        .expect("availability");
    let first = offers.offers.first().expect("an offer");
    assert!(first.starts_at > server.clock_now());
    let hold = server
        .client
        .hold(
            &session.token,
            &IdempotencyKey::new(),
            &HoldRequest {
                nre: nre.clone(),
                line: 0,
                slot_id: first.slot_id,
                reschedule: None,
            },
        )
        .await
        .expect("hold")
        .value;
    let key = IdempotencyKey::new();
    let request = BookRequest {
        hold_id: hold.id,
        phone: Some("348 714 7380".into()),
    };
    let booked = server
        .client
        .book(&session.token, &key, &request)
        .await
        .expect("book");
    assert!(!booked.replayed);
    assert_eq!(booked.value.status, BookingStatus::Booked);
    assert_eq!(booked.value.cup_number.len(), 12);
    assert_eq!(booked.value.offer.slot_id, first.slot_id);
    // A retry with the same key answers the same booking, and books nothing more.
    let again = server
        .client
        .book(&session.token, &key, &request)
        .await
        .expect("replay");
    assert!(again.replayed);
    assert_eq!(again.value.cup_number, booked.value.cup_number);
    let all = server.client.bookings(&session.token).await.expect("list");
    assert_eq!(all.bookings.len(), 1);
}

trait Now {
    fn clock_now(&self) -> chrono::DateTime<chrono::Utc>;
}

impl Now for common::TestServer {
    fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        use cup_server::Clock as _;
        self.clock.now()
    }
}

on_both_backends!(books_the_first_offer, book_first_offer);
