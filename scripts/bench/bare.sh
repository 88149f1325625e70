#!/usr/bin/env bash
# The bare HTTP baseline (issue 8, "the limit"): cup-load serve-bare (a bare axum handler on
# cup-server's stack, no database) under the load of the booking runs (cup-load bare: the
# same reqwest client, closed-loop clients without pause, GET and POST alternately), at 100
# and at 3000 clients; the bookings per second of the booking runs are then read as a ratio
# of these requests per second. Client and server share the machine's cores, as in the
# booking runs. With wrk installed, also wrk's figure against the same server, for reference.
#
# Usage: scripts/bench/bare.sh
# Environment: DURATION (30 s per run), WARMUP (5 s before each run, not counted),
#   CLIENTS ("100 3000"), PORT (18190), WORKERS (serve-bare's runtime threads; default one
#   per core, as cup-server), BIN (target/release), OUT (results dir, kept; default
#   /tmp/cup-bare-results), WRK (1: also run wrk -t2 -c100 if installed)
# Builds nothing: cargo build --release -p cup-load first.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
CLIENTS=${CLIENTS:-"100 3000"}
PORT=${PORT:-18190}
WORKERS=${WORKERS:-}
BIN=${BIN:-$ROOT/target/release}
OUT=${OUT:-/tmp/cup-bare-results}
WRK=${WRK:-1}
LOAD=$BIN/cup-load
[ -x "$LOAD" ] || { echo "missing $LOAD: cargo build --release -p cup-load" >&2; exit 2; }
mkdir -p "$OUT"

# Each client holds one connection, in both processes: 3000 clients need more descriptors
# than the usual soft limit (1024). Raise it up to the hard limit.
max_clients=0
for c in $CLIENTS; do [ "$c" -le "$max_clients" ] || max_clients=$c; done
need=$((max_clients + 1024))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  hard=$(ulimit -Hn)
  if [ "$hard" = unlimited ] || [ "$hard" -ge "$need" ]; then ulimit -n "$need"; else ulimit -n "$hard"; fi
  [ "$(ulimit -n)" -ge "$need" ] || echo "warning: ulimit -n is $(ulimit -n), $max_clients clients need $need" >&2
fi

SERVER_PID=""
cleanup() {
  set +e
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$LOAD" serve-bare --listen "127.0.0.1:$PORT" ${WORKERS:+--workers "$WORKERS"} >"$OUT/serve-bare.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/bare" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/serve-bare.log" >&2; exit 2; }
  sleep 0.1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/bare" || { echo "serve-bare does not answer" >&2; exit 2; }
echo "== serve-bare on 127.0.0.1:$PORT (pid $SERVER_PID, workers ${WORKERS:-default}), $(nproc) cores shared with the clients, ulimit -n $(ulimit -n)"

for c in $CLIENTS; do
  echo "== cup-load bare: $c clients, warm-up $WARMUP s, $DURATION s"
  rc=0
  "$LOAD" bare --url "http://127.0.0.1:$PORT" --clients "$c" --duration "$DURATION" \
    --warmup-secs "$WARMUP" --progress-secs 10 --json "$OUT/bare-$c.json" \
    >"$OUT/bare-$c.txt" 2>"$OUT/bare-$c.progress" || rc=$?
  cat "$OUT/bare-$c.txt"
  [ "$rc" = 0 ] || { echo "== cup-load bare exit status $rc (1: failed requests)"; cat "$OUT/bare-$c.progress"; }
  [ "$rc" != 2 ] || exit 2
done

if [ "$WRK" = 1 ] && command -v wrk >/dev/null; then
  echo "== wrk -t2 -c100 -d${DURATION}s http://127.0.0.1:$PORT/bare (GET only, for reference)"
  wrk -t2 -c100 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/bare" | tee "$OUT/wrk-100.txt"
fi

echo "== summary (results in $OUT)"
for c in $CLIENTS; do grep -h '^bare:' "$OUT/bare-$c.txt" || true; done
[ ! -f "$OUT/wrk-100.txt" ] || echo "wrk: 100 connections, $(grep -h 'Requests/sec' "$OUT/wrk-100.txt")"
