//! Availability: offers, scopes, calendar, bounds, guarantee and tutela, combined offers.

mod common;

use chrono::{Days, TimeDelta};
use common::expect_err;
use cup_api::{AvailabilityQuery, CalendarQuery, CombinedQuery, SearchScope};
use cup_domain::time::rome_date;

async fn zone_id_of(server: &common::TestServer, zone_name: &str) -> (i64, i64) {
    let areas = server.client.areas().await.expect("areas");
    let zone = areas
        .zones
        .iter()
        .find(|z| z.name == zone_name)
        .expect("patient zone");
    (zone.id, zone.asl_id)
}

async fn offers_ordered_and_scoped(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let (zone, asl) = zone_id_of(server, &session.patient.zone).await;
    let facilities = server
        .client
        .facilities(None)
        .await
        .expect("facilities")
        .facilities;
    let areas = server.client.areas().await.expect("areas");
    let zone_asl = |zone_id: i64| {
        areas
            .zones
            .iter()
            .find(|z| z.id == zone_id)
            .map(|z| z.asl_id)
    };
    let mut counts = Vec::new();
    for scope in [SearchScope::Zone, SearchScope::Asl, SearchScope::Region] {
        let response = server
            .client
            .availability(
                &session.token,
                &nre,
                &AvailabilityQuery {
                    line: 0,
                    scope,
                    limit: Some(50),
                    ..Default::default()
                },
            )
            .await
            .expect("availability");
        assert_eq!(response.scope, scope);
        assert_eq!(response.wider_scope, scope.wider());
        let offers = &response.offers;
        assert!(!offers.is_empty(), "{scope:?}");
        assert!(offers.len() <= 50);
        for pair in offers.windows(2) {
            assert!(
                pair[0].starts_at < pair[1].starts_at
                    || (pair[0].starts_at == pair[1].starts_at
                        && pair[0].distance_km <= pair[1].distance_km),
                "ordered by start then distance: {:?} / {:?}",
                (pair[0].starts_at, pair[0].distance_km),
                (pair[1].starts_at, pair[1].distance_km)
            );
        }
        for offer in offers {
            assert!(offer.starts_at > server.now());
            assert!(offer.ends_at > offer.starts_at);
            assert!(facilities.iter().any(|f| f.id == offer.facility.id));
            match scope {
                SearchScope::Zone => assert_eq!(offer.facility.zone_id, zone),
                SearchScope::Asl => assert_eq!(zone_asl(offer.facility.zone_id), Some(asl)),
                SearchScope::Region => {}
            }
        }
        counts.push((offers.len(), offers[0].starts_at));
    }
    // Wider scopes offer at least as much, and never a later first slot.
    assert!(
        counts[0].0 <= counts[1].0 && counts[1].0 <= counts[2].0,
        "{counts:?}"
    );
    assert!(
        counts[1].1 <= counts[0].1 && counts[2].1 <= counts[1].1,
        "{counts:?}"
    );
}
on_both_backends!(offers_are_ordered_and_scoped, offers_ordered_and_scoped);

async fn calendar(server: &common::TestServer) {
    let other = &server.add_patients("visit_p", 1).await[0];
    let b = server
        .login_as(&other.codice_fiscale, &other.tessera, &other.nre)
        .await;
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let offers = server.offers(&session, &nre, 0, 10).await;
    let first = offers[0].clone();
    let day = rome_date(first.starts_at);
    let month = day.format("%Y-%m").to_string();
    let query = CalendarQuery {
        line: 0,
        scope: SearchScope::Zone,
        month: month.clone(),
        reschedule: None,
    };
    let before = server
        .client
        .calendar(&session.token, &nre, &query)
        .await
        .expect("calendar");
    assert_eq!(before.month, month);
    assert!(!before.days.is_empty());
    for pair in before.days.windows(2) {
        assert!(pair[0].day < pair[1].day);
    }
    assert!(
        before
            .days
            .iter()
            .all(|d| d.available > 0 && d.day.format("%Y-%m").to_string() == month)
    );
    let count = before
        .days
        .iter()
        .find(|d| d.day == day)
        .expect("the first offer's day")
        .available;
    // Only that day's offers with a day filter.
    let of_day = server
        .client
        .availability(
            &session.token,
            &nre,
            &AvailabilityQuery {
                line: 0,
                day: Some(day),
                limit: Some(50),
                ..Default::default()
            },
        )
        .await
        .expect("day");
    assert!(!of_day.offers.is_empty());
    assert!(of_day.offers.iter().all(|o| rome_date(o.starts_at) == day));
    assert_eq!(of_day.offers.len() as u32, count.min(50));
    // A held slot is not counted; a booked one neither.
    let hold = server.hold(&session, &nre, 0, first.slot_id).await;
    let held = server
        .client
        .calendar(&session.token, &nre, &query)
        .await
        .expect("calendar");
    let after = held
        .days
        .iter()
        .find(|d| d.day == day)
        .map_or(0, |d| d.available);
    assert_eq!(after, count - 1);
    server.book_hold(&session, hold.id, None).await;
    let booked = server
        .client
        .calendar(&b.token, &other.nre, &query)
        .await
        .expect("calendar");
    assert_eq!(
        booked
            .days
            .iter()
            .find(|d| d.day == day)
            .map_or(0, |d| d.available),
        count - 1
    );
    let of_day = server
        .client
        .availability(
            &session.token,
            &nre,
            &AvailabilityQuery {
                line: 0,
                day: Some(day),
                limit: Some(50),
                ..Default::default()
            },
        )
        .await;
    // The line is booked now: no more offers for it.
    expect_err(of_day, 409, "not_bookable");
    // A day with no slots is simply absent: a month with nothing (two years on is allowed).
    let far = (rome_date(server.now()) + Days::new(600))
        .format("%Y-%m")
        .to_string();
    let card = server.login_card("diagnostic_d").await;
    let empty = server
        .client
        .calendar(
            &card.token,
            &server.citizen("diagnostic_d").nre,
            &CalendarQuery {
                line: 0,
                scope: SearchScope::Zone,
                month: far,
                reschedule: None,
            },
        )
        .await
        .expect("far calendar");
    assert!(empty.days.is_empty());
}
on_both_backends!(calendar_lists_free_days_only, calendar);

async fn bounds(server: &common::TestServer) {
    let session = server.login("visit_p").await;
    let nre = server.citizen("visit_p").nre.clone();
    let q = |f: &dyn Fn(&mut AvailabilityQuery)| {
        let mut query = AvailabilityQuery {
            line: 0,
            ..Default::default()
        };
        f(&mut query);
        query
    };
    for limit in [0, 51] {
        let e = expect_err(
            server
                .client
                .availability(&session.token, &nre, &q(&|x| x.limit = Some(limit)))
                .await,
            400,
            "limit_range",
        );
        assert_eq!(e.field.as_deref(), Some("limit"));
    }
    server
        .client
        .availability(&session.token, &nre, &q(&|x| x.limit = Some(50)))
        .await
        .expect("50 ok");
    server
        .client
        .availability(&session.token, &nre, &q(&|x| x.limit = Some(1)))
        .await
        .expect("1 ok");
    let today = rome_date(server.now());
    expect_err(
        server
            .client
            .availability(
                &session.token,
                &nre,
                &q(&|x| {
                    x.from = Some(today);
                    x.to = Some(today + Days::new(400));
                }),
            )
            .await,
        400,
        "window_too_wide",
    );
    expect_err(
        server
            .client
            .availability(
                &session.token,
                &nre,
                &q(&|x| {
                    x.from = Some(today + Days::new(10));
                    x.to = Some(today);
                }),
            )
            .await,
        400,
        "window_order",
    );
    let e = server
        .client
        .availability(&session.token, &nre, &q(&|x| x.line = 7))
        .await
        .expect_err("no line 7");
    assert_eq!(e.status(), Some(400));
    for month in ["2026-13", "abc", "2026-1", "26-12-01", ""] {
        let e = expect_err(
            server
                .client
                .calendar(
                    &session.token,
                    &nre,
                    &CalendarQuery {
                        line: 0,
                        scope: SearchScope::Zone,
                        month: month.into(),
                        reschedule: None,
                    },
                )
                .await,
            400,
            "month_format",
        );
        assert_eq!(e.field.as_deref(), Some("month"), "{month}");
    }
    // Not bookable online.
    for case in ["urgent_u", "laboratory", "other_region", "already_booked"] {
        let s = server.login(case).await;
        let n = server.citizen(case).nre.clone();
        expect_err(
            server
                .client
                .availability(
                    &s.token,
                    &n,
                    &AvailabilityQuery {
                        line: 0,
                        ..Default::default()
                    },
                )
                .await,
            409,
            "not_bookable",
        );
        let month = rome_date(server.now()).format("%Y-%m").to_string();
        expect_err(
            server
                .client
                .calendar(
                    &s.token,
                    &n,
                    &CalendarQuery {
                        line: 0,
                        scope: SearchScope::Zone,
                        month,
                        reschedule: None,
                    },
                )
                .await,
            409,
            "not_bookable",
        );
    }
}
on_both_backends!(inputs_are_bounded, bounds);

async fn guarantee_and_tutela(server: &common::TestServer) {
    for case in ["tight_b", "visit_p", "diagnostic_d"] {
        let session = server.login(case).await;
        let nre = server.citizen(case).nre.clone();
        let response = server
            .client
            .availability(
                &session.token,
                &nre,
                &AvailabilityQuery {
                    line: 0,
                    scope: SearchScope::Region,
                    limit: Some(50),
                    ..Default::default()
                },
            )
            .await
            .expect("availability");
        let guarantee = response.guarantee.clone().expect("a guarantee window");
        assert!(guarantee.ends_at > server.now(), "{case}");
        for offer in &response.offers {
            assert_eq!(
                offer.inside_guarantee,
                offer.starts_at <= guarantee.ends_at,
                "{case}"
            );
        }
        assert!(!response.tutela, "{case}: slots exist inside the window");
        match case {
            "tight_b" => {
                assert_eq!(guarantee.priority, "B");
                // Counted from the request (PNGLA): to the end of the 10th day from today.
                assert!(guarantee.ends_at > server.now() + TimeDelta::days(10));
                assert!(guarantee.ends_at <= server.now() + TimeDelta::days(11));
            }
            "visit_p" => {
                assert_eq!(guarantee.priority, "P");
                assert!(guarantee.ends_at > server.now() + TimeDelta::days(120));
                assert!(guarantee.ends_at <= server.now() + TimeDelta::days(121));
            }
            _ => assert_eq!(guarantee.priority, "D"),
        }
        assert!(
            response.offers[0].inside_guarantee,
            "{case}: the first offer is inside"
        );
    }
    let session = server.login("tutela").await;
    let nre = server.citizen("tutela").nre.clone();
    for scope in [SearchScope::Zone, SearchScope::Region] {
        let response = server
            .client
            .availability(
                &session.token,
                &nre,
                &AvailabilityQuery {
                    line: 0,
                    scope,
                    ..Default::default()
                },
            )
            .await
            .expect("availability");
        assert!(response.tutela, "{scope:?}");
        assert!(response.guarantee.is_some());
        assert!(response.offers.iter().all(|o| !o.inside_guarantee));
    }
}
on_both_backends!(guarantee_window_and_tutela, guarantee_and_tutela);

async fn combined(server: &common::TestServer) {
    let session = server.login("multi_radiology").await;
    let nre = server.citizen("multi_radiology").nre.clone();
    let response = server
        .client
        .combined_availability(
            &session.token,
            &nre,
            &CombinedQuery {
                scope: SearchScope::Region,
                limit: Some(10),
            },
        )
        .await
        .expect("combined");
    assert!(!response.combinations.is_empty());
    assert!(response.combinations.len() <= 10);
    let rank = |same_day: bool, same_site: bool| match (same_day, same_site) {
        (true, true) => 0,
        (true, false) => 1,
        _ => 2,
    };
    for pair in response.combinations.windows(2) {
        assert!(
            rank(pair[0].same_day, pair[0].same_site) <= rank(pair[1].same_day, pair[1].same_site)
        );
    }
    for c in &response.combinations {
        let lines: Vec<u32> = c.offers.iter().map(|o| o.line).collect();
        assert_eq!(lines, vec![0, 1, 2]);
        for (i, a) in c.offers.iter().enumerate() {
            assert!(a.offer.starts_at > server.now());
            for b in &c.offers[i + 1..] {
                assert_ne!(a.offer.slot_id, b.offer.slot_id);
                assert!(
                    a.offer.ends_at <= b.offer.starts_at || b.offer.ends_at <= a.offer.starts_at,
                    "offers of one combination never overlap"
                );
            }
        }
        let days: Vec<_> = c
            .offers
            .iter()
            .map(|o| rome_date(o.offer.starts_at))
            .collect();
        assert_eq!(c.same_day, days.iter().all(|d| *d == days[0]));
        assert_eq!(
            c.same_site,
            c.offers
                .iter()
                .all(|o| o.offer.facility.id == c.offers[0].offer.facility.id)
        );
    }
    // A single-service prescription gets one-offer combinations; a lab-only one none.
    let lab = server.login("laboratory").await;
    expect_err(
        server
            .client
            .combined_availability(
                &lab.token,
                &server.citizen("laboratory").nre,
                &CombinedQuery::default(),
            )
            .await,
        409,
        "not_bookable",
    );
}
on_both_backends!(combined_offers_for_several_services, combined);
