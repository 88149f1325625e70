#!/usr/bin/env bash
# The Rust tests and `cup-load quick` (SQLite and PostgreSQL) with the machine's clock moved by
# Debian's faketime, as CI would see them on another day. Nothing may depend on the date the
# tests run (issue 12). Builds in debug first (with the real clock), then runs under faketime.
# Usage: scripts/shifted-clock.sh '+200d'    (any faketime offset: '-45d', '+1y'...)
set -euo pipefail
cd "$(dirname "$0")/.."
offset=${1:?usage: scripts/shifted-clock.sh OFFSET (e.g. +200d)}
command -v faketime >/dev/null || { echo "faketime is not installed (apt-get install faketime)" >&2; exit 1; }
eval "$(scripts/pg.sh)"
cargo test --workspace --locked --lib --bins --tests --no-run
cargo build -p cup-server -p cup-load --locked
echo "==> the machine's clock reads: $(faketime -f "$offset" date -u '+%F %T UTC') (really $(date -u '+%F %T UTC'))"
# Monotonic time stays real: only the calendar moves.
export FAKETIME_DONT_FAKE_MONOTONIC=1
# (not the doc-tests: rustdoc hangs under libfaketime)
faketime -f "$offset" scripts/with-keyring.sh cargo test --workspace --locked --lib --bins --tests
faketime -f "$offset" target/debug/cup-load quick --database sqlite --server-bin target/debug/cup-server
faketime -f "$offset" target/debug/cup-load quick --database "$CUP_TEST_PG_URL" --server-bin target/debug/cup-server
echo "==> all passed with the clock at $offset"
