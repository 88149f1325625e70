//! The public catalogue, and prescriptions with their bookability and ticket.

mod common;

use common::expect_err;

async fn areas_and_facilities(server: &common::TestServer) {
    let areas = server.client.areas().await.expect("areas");
    assert_eq!(areas.asls.len(), 3, "three ASLs");
    assert!(areas.zones.len() >= 25, "{} zones", areas.zones.len());
    for zone in &areas.zones {
        assert!(
            areas.asls.iter().any(|a| a.id == zone.asl_id),
            "zone {} has an ASL",
            zone.name
        );
    }
    let all = server
        .client
        .facilities(None)
        .await
        .expect("facilities")
        .facilities;
    assert!(!all.is_empty());
    let zone = all[0].zone_id;
    let of_zone = server
        .client
        .facilities(Some(zone))
        .await
        .expect("facilities of zone")
        .facilities;
    assert!(!of_zone.is_empty());
    assert!(of_zone.iter().all(|f| f.zone_id == zone));
    assert_eq!(
        of_zone.len(),
        all.iter().filter(|f| f.zone_id == zone).count()
    );
    assert!(
        server
            .client
            .facilities(Some(999_999))
            .await
            .expect("none")
            .facilities
            .is_empty()
    );
    // Malformed query parameter.
    let response = reqwest::Client::new()
        .get(format!(
            "{}/v1/catalogue/facilities?zone_id=abc",
            server.url
        ))
        .header("x-cup-channel", "app")
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "malformed_request");
}
on_both_backends!(areas_and_facilities_are_listed, areas_and_facilities);

async fn services_search(server: &common::TestServer) {
    let visits = server
        .client
        .services(Some("visita"))
        .await
        .expect("services")
        .services;
    assert!(!visits.is_empty());
    assert!(
        visits
            .iter()
            .all(|s| s.description.to_uppercase().contains("VISITA")),
        "{visits:?}"
    );
    let code = visits[0].code.clone();
    let by_code = server
        .client
        .services(Some(&code))
        .await
        .expect("by code")
        .services;
    assert!(by_code.iter().any(|s| s.code == code));
    let everything = server.client.services(None).await.expect("all").services;
    assert!(everything.len() >= visits.len());
    assert!(
        server
            .client
            .services(Some("zzzznothing"))
            .await
            .expect("none")
            .services
            .is_empty()
    );
    let e = expect_err(
        server.client.services(Some(&"x".repeat(61))).await,
        400,
        "query_too_long",
    );
    assert_eq!(e.field.as_deref(), Some("q"));
}
on_both_backends!(services_are_searchable, services_search);

async fn bookability_cases(server: &common::TestServer) {
    let cases = [
        ("laboratory", "laboratory", "zerocoda"),
        ("urgent_u", "urgent_priority", "call_cup"),
        ("other_region", "other_region", "region_cup"),
        ("already_booked", "already_booked", "manage_booking"),
    ];
    for (case, reason, next) in cases {
        let session = server.login(case).await;
        let p = server
            .client
            .prescription(&session.token, &server.citizen(case).nre)
            .await
            .expect("prescription");
        let line = &p.lines[0];
        assert!(!line.bookability.bookable, "{case}");
        assert_eq!(line.bookability.reason.as_deref(), Some(reason), "{case}");
        assert_eq!(line.bookability.next_step.as_deref(), Some(next), "{case}");
        if case == "already_booked" {
            assert!(line.booked_as.is_some());
        }
        if case == "other_region" {
            assert_eq!(p.region_code, "120");
        }
    }
    for case in [
        "visit_p",
        "diagnostic_d",
        "multi_radiology",
        "exempt",
        "tight_b",
        "tutela",
    ] {
        let session = server.login(case).await;
        let p = server
            .client
            .prescription(&session.token, &server.citizen(case).nre)
            .await
            .expect("prescription");
        assert!(
            p.lines.iter().all(|l| l.bookability.bookable),
            "{case}: {:?}",
            p.lines
        );
        assert_eq!(p.region_code, "090");
    }
    let p = server.prescription_of("multi_radiology").await;
    assert_eq!(p.lines.len(), 3);
}
on_both_backends!(each_case_shows_its_bookability, bookability_cases);

/// The preparation notes reach the citizen in both languages: the prescription's line, the
/// catalogue search and the booking carry the Italian and the English text (issue 14: in
/// English the notes stayed Italian).
async fn preparation_in_both_languages(server: &common::TestServer) {
    let p = server.prescription_of("diagnostic_d").await;
    let service = &p.lines[0].service;
    assert!(!service.preparation.is_empty(), "{service:?}");
    assert!(!service.preparation_en.is_empty(), "{service:?}");
    assert_ne!(service.preparation, service.preparation_en);
    let found = server
        .client
        .services(Some(&service.code))
        .await
        .expect("by code")
        .services;
    let same = found
        .iter()
        .find(|s| s.code == service.code)
        .expect("the service");
    assert_eq!(same.preparation_en, service.preparation_en);
    let (_, booking) = server.book_case("diagnostic_d", 0).await;
    assert_eq!(booking.service.preparation_en, service.preparation_en);
    // A visit has nothing to prepare, in either language.
    let p = server.prescription_of("visit_p").await;
    assert_eq!(
        (
            p.lines[0].service.preparation.as_str(),
            p.lines[0].service.preparation_en.as_str()
        ),
        ("", "")
    );
}
on_both_backends!(
    preparation_notes_come_in_italian_and_english,
    preparation_in_both_languages
);

async fn ticket(server: &common::TestServer) {
    let p = server.prescription_of("multi_radiology").await;
    let gross: u64 = p
        .lines
        .iter()
        .map(|l| l.service.tariff_cents * u64::from(l.quantity))
        .sum();
    assert_eq!(p.ticket_cents, gross.min(3800));
    assert!(p.ticket_cents <= 3800);
    let p = server.prescription_of("exempt").await;
    assert!(p.exemption.is_some());
    assert_eq!(p.ticket_cents, 0);
    let p = server.prescription_of("visit_p").await;
    assert!(p.ticket_cents > 0 && p.ticket_cents <= 3800);
    assert_eq!(p.effective_priority, "P");
}
on_both_backends!(ticket_is_capped_and_zero_when_exempt, ticket);

async fn prescription_isolation(server: &common::TestServer) {
    let a = server.login("visit_p").await;
    // Another patient's prescription: not found, never forbidden (no oracle).
    expect_err(
        server
            .client
            .prescription(&a.token, &server.citizen("diagnostic_d").nre)
            .await,
        404,
        "not_found",
    );
    // An NRE nobody has.
    expect_err(
        server
            .client
            .prescription(&a.token, "0900A9999999999")
            .await,
        404,
        "not_found",
    );
    // A malformed NRE is a validation error.
    let e = server
        .client
        .prescription(&a.token, "12345")
        .await
        .expect_err("bad nre");
    assert_eq!(e.status(), Some(400));
    // Without a session.
    expect_err(
        server
            .client
            .prescription(&cup_client::Token::new("x"), &server.citizen("visit_p").nre)
            .await,
        401,
        "session_expired",
    );
}
on_both_backends!(
    patients_cannot_read_others_prescriptions,
    prescription_isolation
);

/// A three-factor session is for one prescription: another of the same patient is not found.
async fn three_factor_sees_one_prescription(server: &common::TestServer) {
    let region = common::demo_region();
    // A demo citizen with two or more prescriptions.
    let (citizen, first, second) = region
        .citizens
        .iter()
        .find_map(|c| {
            let mine: Vec<_> = region
                .prescriptions
                .iter()
                .filter(|p| p.citizen_id == c.id)
                .collect();
            (mine.len() >= 2).then(|| (c.clone(), mine[0].nre.clone(), mine[1].nre.clone()))
        })
        .expect("a citizen with two prescriptions");
    let session = server
        .login_as(&citizen.codice_fiscale, &citizen.tessera, &first)
        .await;
    server
        .client
        .prescription(&session.token, &first)
        .await
        .expect("own prescription");
    expect_err(
        server.client.prescription(&session.token, &second).await,
        404,
        "not_found",
    );
    // A card session of the same patient sees both.
    let card = server
        .client
        .login_card(&cup_api::CardLoginRequest {
            codice_fiscale: citizen.codice_fiscale.clone(),
            tessera: citizen.tessera.clone(),
        })
        .await
        .expect("card login");
    server
        .client
        .prescription(&card.token, &first)
        .await
        .expect("first");
    server
        .client
        .prescription(&card.token, &second)
        .await
        .expect("second");
}
on_both_backends!(
    three_factor_session_reads_only_its_prescription,
    three_factor_sees_one_prescription
);
