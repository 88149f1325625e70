#!/usr/bin/env bash
# Every check and test of the project, in the order that fails fastest. Called by `./dev test`
# and by CI (.ci/run). Builds once, in debug.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
START=$(date +%s)
step() { printf '\n\033[1m==> [%4ss] %s\033[0m\n' "$(( $(date +%s) - START ))" "$*"; }

# Every process this run starts carries this marker; at exit, whatever is still running with
# it (a daemon a test started and left, holding the caller's output) is stopped, so that the
# run ends when its checks end. The PostgreSQL cluster this run started is stopped cleanly first.
export CUP_TEST_RUN="$$-$START"
stop_pg() { :; }
cleanup() {
  stop_pg
  local proc pid
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [ "$pid" = "$$" ] && continue
    if { tr '\0' '\n' <"$proc/environ"; } 2>/dev/null | grep -qxF "CUP_TEST_RUN=$CUP_TEST_RUN"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT

step "Set-up"
# Without the marker: services the packages start (PostgreSQL) belong to the machine, not to this run.
env -u CUP_TEST_RUN scripts/setup.sh test

step "Formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "UI: typecheck, unit tests, build"
npm --prefix ui run --silent typecheck
npm --prefix ui run --silent test
npm --prefix ui run --silent build

step "Clippy (-D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "PostgreSQL for the backend tests"
eval "$(scripts/pg.sh)"
# Leave the machine as found: stop the cluster again if this run started it.
stop_pg() {
  if [ -n "${CUP_PG_STARTED:-}" ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    # shellcheck disable=SC2086
    $SUDO pg_ctlcluster $CUP_PG_STARTED stop </dev/null >&2 || true
  fi
}

step "Rust tests (SQLite and PostgreSQL)"
scripts/with-keyring.sh cargo test --workspace --locked

step "Fuzz targets (brief run of each): identifiers, API request bodies"
scripts/fuzz.sh "${CUP_FUZZ_SECONDS:-5}" crates/cup-domain/fuzz crates/cup-api/fuzz

step "App and backend binaries"
cargo build -p cup-toscana -p cup-server -p cup-load --locked

step "Load quick mode: mixed load, 2 server kills, invariants (SQLite and PostgreSQL)"
# Fails only on an invariant violation (slot booked twice, acknowledged booking lost...),
# never on speed. Each run starts its own cup-server on a fresh database.
target/debug/cup-load quick --database sqlite --server-bin target/debug/cup-server
# The PostgreSQL run as if today were the day summer time ends (CUP_TODAY, cup-clock): the load
# tool and the servers it starts move together, and nothing may depend on the machine's date.
CUP_TODAY=2027-10-31 target/debug/cup-load quick --database "$CUP_TEST_PG_URL" --server-bin target/debug/cup-server

step "End-to-end in the real window (tauri-driver + WebKitWebDriver under Xvfb)"
scripts/e2e.sh

step "All checks passed"
