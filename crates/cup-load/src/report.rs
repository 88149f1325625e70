//! Latency histograms per operation, answers by code (refusals that are part of the business,
//! such as a slot just taken, apart from errors), retries, the printed and the JSON report,
//! and windows of the run (for the progress line and the stress steps).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use hdrhistogram::Histogram;
use serde_json::{Value, json};

/// Codes that are answers of the business, not failures: contention on a slot, a hold that
/// expired, a line that cannot be booked (any more), a search with no offer.
pub fn is_business(code: &str) -> bool {
    matches!(
        code,
        "slot_unavailable"
            | "hold_expired"
            | "not_bookable"
            | "no_offers"
            | "booking_state_conflict"
            | "appointment_passed"
            // the load tool's own: every prescription line busy or booked
            | "no_free_citizen"
    )
}

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("valid histogram bounds")
}

#[derive(Default)]
struct Stats {
    latencies: BTreeMap<&'static str, Histogram<u64>>,
    /// Final answers other than success, by "operation: code".
    refusals: BTreeMap<String, u64>,
    /// Attempts answered by a transient failure and retried, by "operation: code".
    retries: BTreeMap<String, u64>,
}

impl Stats {
    fn record(&mut self, operation: &'static str, micros: u64) {
        let _ = self
            .latencies
            .entry(operation)
            .or_insert_with(histogram)
            .record(micros.max(1));
    }

    fn ok(&self) -> u64 {
        self.latencies.values().map(|h| h.len()).sum()
    }

    fn errors(&self) -> u64 {
        self.refusals
            .iter()
            .filter(|(k, _)| !is_business(code_of(k)))
            .map(|(_, n)| *n)
            .sum()
    }

    fn business(&self) -> u64 {
        self.refusals
            .iter()
            .filter(|(k, _)| is_business(code_of(k)))
            .map(|(_, n)| *n)
            .sum()
    }
}

fn code_of(key: &str) -> &str {
    key.rsplit_once(": ").map_or(key, |(_, c)| c)
}

/// The windows of a run: the progress line's and the stress steps'.
pub const PROGRESS: usize = 0;
pub const STEP: usize = 1;

#[derive(Default)]
pub struct Report {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    total: Stats,
    windows: [Stats; 2],
}

/// The figures of one window of the run.
#[derive(Debug, Clone, Default)]
pub struct Window {
    /// Successful operations by name, and their p99 in milliseconds.
    pub counts: BTreeMap<&'static str, u64>,
    pub p99_ms: BTreeMap<&'static str, f64>,
    /// Failed requests (not business refusals) and all answered requests.
    pub errors: u64,
    pub requests: u64,
    pub retries: u64,
    /// Sessions that found no free prescription line (the demo region ran out).
    pub starved: u64,
}

impl Window {
    pub fn count(&self, operation: &str) -> u64 {
        self.counts.get(operation).copied().unwrap_or(0)
    }

    pub fn p99(&self, operation: &str) -> f64 {
        self.p99_ms.get(operation).copied().unwrap_or(0.0)
    }

    pub fn error_rate(&self) -> f64 {
        if self.requests == 0 {
            0.0
        } else {
            self.errors as f64 / self.requests as f64
        }
    }
}

impl Report {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A successful operation and how long it took (retries included).
    pub fn record(&self, operation: &'static str, took: Duration) {
        let micros = took.as_micros() as u64;
        let mut inner = self.lock();
        inner.total.record(operation, micros);
        for w in &mut inner.windows {
            w.record(operation, micros);
        }
    }

    /// A final answer other than success.
    pub fn error(&self, operation: &'static str, code: &str) {
        let key = format!("{operation}: {code}");
        let mut guard = self.lock();
        let inner = &mut *guard;
        for stats in std::iter::once(&mut inner.total).chain(inner.windows.iter_mut()) {
            *stats.refusals.entry(key.clone()).or_default() += 1;
        }
    }

    /// An attempt that failed transiently and is retried.
    pub fn retry(&self, operation: &'static str, code: &str) {
        let key = format!("{operation}: {code}");
        let mut guard = self.lock();
        let inner = &mut *guard;
        for stats in std::iter::once(&mut inner.total).chain(inner.windows.iter_mut()) {
            *stats.retries.entry(key.clone()).or_default() += 1;
        }
    }

    pub fn count(&self, operation: &'static str) -> u64 {
        self.lock()
            .total
            .latencies
            .get(operation)
            .map_or(0, |h| h.len())
    }

    /// Failed requests in the whole run (business refusals excluded).
    #[cfg(test)]
    pub fn errors(&self) -> u64 {
        self.lock().total.errors()
    }

    /// The figures of window `which` ([`PROGRESS`] or [`STEP`]) since its last call, and a
    /// new window.
    pub fn take_window(&self, which: usize) -> Window {
        let mut inner = self.lock();
        let Some(slot) = inner.windows.get_mut(which) else {
            return Window::default();
        };
        let stats = std::mem::take(slot);
        let ok = stats.ok();
        let starved = stats
            .refusals
            .get("session: no_free_citizen")
            .copied()
            .unwrap_or(0);
        Window {
            counts: stats
                .latencies
                .iter()
                .map(|(op, h)| (*op, h.len()))
                .collect(),
            p99_ms: stats
                .latencies
                .iter()
                .map(|(op, h)| (*op, h.value_at_quantile(0.99) as f64 / 1000.0))
                .collect(),
            errors: stats.errors(),
            requests: (ok + stats.errors() + stats.business()).saturating_sub(starved),
            retries: stats.retries.values().sum(),
            starved,
        }
    }

    /// The report as text: per operation count, rate, p50/p95/p99/max in ms; answers by code.
    pub fn render(&self, elapsed: Duration) -> String {
        let inner = self.lock();
        let stats = &inner.total;
        let seconds = elapsed.as_secs_f64().max(1e-9);
        let mut out = format!(
            "{:<14} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8}\n",
            "operation", "count", "per_s", "p50_ms", "p95_ms", "p99_ms", "max_ms"
        );
        for (operation, h) in &stats.latencies {
            let ms = |q: f64| h.value_at_quantile(q) as f64 / 1000.0;
            out.push_str(&format!(
                "{:<14} {:>9} {:>9.1} {:>8.2} {:>8.2} {:>8.2} {:>8.2}\n",
                operation,
                h.len(),
                h.len() as f64 / seconds,
                ms(0.5),
                ms(0.95),
                ms(0.99),
                h.max() as f64 / 1000.0
            ));
        }
        let section = |out: &mut String,
                       title: &str,
                       map: &BTreeMap<String, u64>,
                       f: &dyn Fn(&str) -> bool| {
            let rows: Vec<_> = map.iter().filter(|(k, _)| f(code_of(k))).collect();
            if rows.is_empty() {
                out.push_str(&format!("{title}: none\n"));
            } else {
                out.push_str(&format!("{title}:\n"));
                for (code, n) in rows {
                    out.push_str(&format!("  {code}: {n}\n"));
                }
            }
        };
        section(&mut out, "errors", &stats.refusals, &|c| !is_business(c));
        section(
            &mut out,
            "refusals (business: contention, expiry)",
            &stats.refusals,
            &is_business,
        );
        section(&mut out, "retried attempts", &stats.retries, &|_| true);
        out
    }

    pub fn to_json(&self, elapsed: Duration) -> Value {
        let inner = self.lock();
        let stats = &inner.total;
        let seconds = elapsed.as_secs_f64().max(1e-9);
        let operations: serde_json::Map<String, Value> = stats
            .latencies
            .iter()
            .map(|(op, h)| {
                let ms = |q: f64| h.value_at_quantile(q) as f64 / 1000.0;
                (
                    (*op).to_owned(),
                    json!({
                        "count": h.len(),
                        "per_s": h.len() as f64 / seconds,
                        "p50_ms": ms(0.5),
                        "p95_ms": ms(0.95),
                        "p99_ms": ms(0.99),
                        "max_ms": h.max() as f64 / 1000.0,
                    }),
                )
            })
            .collect();
        let split = |business: bool| -> serde_json::Map<String, Value> {
            stats
                .refusals
                .iter()
                .filter(|(k, _)| is_business(code_of(k)) == business)
                .map(|(k, n)| (k.clone(), json!(n)))
                .collect()
        };
        json!({
            "elapsed_s": seconds,
            "operations": operations,
            "errors": split(false),
            "refusals": split(true),
            "retries": stats.retries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_rates_and_codes() {
        let report = Report::default();
        for ms in 1..=100u64 {
            report.record("hold", Duration::from_millis(ms));
        }
        report.record("search", Duration::from_micros(1500));
        report.error("hold", "slot_unavailable");
        report.error("book", "internal");
        report.retry("book", "unreachable");
        report.retry("book", "unreachable");
        assert_eq!(report.count("hold"), 100);
        assert_eq!(report.count("book"), 0);
        assert_eq!(report.errors(), 1);

        let text = report.render(Duration::from_secs(10));
        let hold = text
            .lines()
            .find(|l| l.starts_with("hold"))
            .expect("hold line");
        let cols: Vec<&str> = hold.split_whitespace().collect();
        assert_eq!(cols[1], "100");
        assert_eq!(cols[2], "10.0");
        let p50: f64 = cols[3].parse().expect("p50");
        let p99: f64 = cols[5].parse().expect("p99");
        let max: f64 = cols[6].parse().expect("max");
        assert!((49.0..=51.0).contains(&p50), "{p50}");
        assert!((98.0..=100.0).contains(&p99), "{p99}");
        assert!((99.9..=100.1).contains(&max), "{max}");
        assert!(text.contains("errors:\n  book: internal: 1"), "{text}");
        assert!(text.contains("hold: slot_unavailable: 1"), "{text}");
        assert!(text.contains("book: unreachable: 2"), "{text}");

        let json = report.to_json(Duration::from_secs(10));
        assert_eq!(json["operations"]["hold"]["count"], 100);
        assert_eq!(json["errors"]["book: internal"], 1);
        assert_eq!(json["refusals"]["hold: slot_unavailable"], 1);
        assert_eq!(json["retries"]["book: unreachable"], 2);
        let p99 = json["operations"]["hold"]["p99_ms"].as_f64().expect("p99");
        assert!((98.0..=100.0).contains(&p99));
    }

    #[test]
    fn windows_restart_and_count_error_rates() {
        let report = Report::default();
        for _ in 0..999 {
            report.record("book", Duration::from_millis(5));
        }
        report.error("book", "unavailable");
        report.error("hold", "slot_unavailable");
        report.error("session", "no_free_citizen");
        let w = report.take_window(STEP);
        assert_eq!(w.starved, 1);
        assert_eq!(w.count("book"), 999);
        assert_eq!(w.requests, 1001);
        assert_eq!(w.errors, 1);
        assert!((w.error_rate() - 1.0 / 1001.0).abs() < 1e-12);
        assert!((4.9..=5.1).contains(&w.p99("book")));
        let empty = report.take_window(STEP);
        assert_eq!(empty.requests, 0);
        assert_eq!(empty.error_rate(), 0.0);
        // The other window is independent.
        assert_eq!(report.take_window(PROGRESS).count("book"), 999);
        assert_eq!(report.take_window(9).requests, 0);
        // The totals keep everything.
        assert_eq!(report.count("book"), 999);
    }

    #[test]
    fn an_empty_report_says_so() {
        let text = Report::default().render(Duration::from_secs(1));
        assert!(text.contains("errors: none"));
    }
}
