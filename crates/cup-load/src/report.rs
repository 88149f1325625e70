//! Latency histograms per operation, errors by code, and the printed report.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use hdrhistogram::Histogram;

#[derive(Default)]
pub struct Report {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    latencies: BTreeMap<&'static str, Histogram<u64>>,
    errors: BTreeMap<String, u64>,
}

impl Report {
    pub fn record(&self, operation: &'static str, took: Duration) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let histogram = inner.latencies.entry(operation).or_insert_with(|| {
            Histogram::new_with_bounds(1, 120_000_000, 3).expect("valid histogram bounds")
        });
        let _ = histogram.record((took.as_micros() as u64).max(1));
    }

    pub fn error(&self, operation: &'static str, code: &str) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        *inner
            .errors
            .entry(format!("{operation}: {code}"))
            .or_default() += 1;
    }

    pub fn count(&self, operation: &'static str) -> u64 {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.latencies.get(operation).map_or(0, |h| h.len())
    }

    /// The report as text: per operation count, rate, p50/p95/p99/max in ms; errors by code.
    pub fn render(&self, elapsed: Duration) -> String {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let seconds = elapsed.as_secs_f64().max(1e-9);
        let mut out = format!(
            "{:<14} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8}\n",
            "operation", "count", "per_s", "p50_ms", "p95_ms", "p99_ms", "max_ms"
        );
        for (operation, h) in &inner.latencies {
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
        if inner.errors.is_empty() {
            out.push_str("errors: none\n");
        } else {
            out.push_str("errors:\n");
            for (code, n) in &inner.errors {
                out.push_str(&format!("  {code}: {n}\n"));
            }
        }
        out
    }
}
