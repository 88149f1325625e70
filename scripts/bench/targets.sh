#!/usr/bin/env bash
# Issue 8's targets, measured in one go on this machine (release binaries, client and server
# on the same cores). Every booking run checks the invariants in the database afterwards
# (cup-load --database): a violation fails the script.
#
#   SQLite (full profile, a fresh copy of one generated database per run):
#     search      availability searches, 4 clients                    (target: p50 < 5 ms)
#     bench       find -> hold -> book, 100 clients, synchronous=FULL (target: >= 300/s)
#     bench       the same with ?synchronous=normal
#     seed-day    the seed's whole day (07:00-21:00) compressed SEED_DAY_COMPRESS times
#     faults      seed-day with the server killed (SIGKILL) 3 times and restarted
#   PostgreSQL (full profile, a copy of one loaded template database per run):
#     search      4 clients                                            (target: p50 < 5 ms)
#     bench       100 clients, and 3000 clients        (target: >= 1000/s, p99 hold/book < 100 ms,
#                                                               search < 50 ms)
#     seed-day, peak (2,800 operator sessions + the online citizens)
#     faults      seed-day, the server killed 3 times, PostgreSQL restarted once (PG_RESTART)
#     pgbench     scripts/bench/pgbench.sh: the booking's minimal SQL (target: ours >= 1/2)
#   bare          scripts/bench/bare.sh: a bare axum handler under 100 and 3000 clients
#
# Usage: scripts/bench/targets.sh [postgres://admin@host:port/postgres]
#   default: the local cluster as the tests find it (scripts/pg.sh)
# Environment: OUT (results, kept; default /tmp/cup-targets), BIN (target/release),
#   PG_RESTART (a command restarting PostgreSQL for the fault run; default
#   "pg_ctlcluster 15 main restart" when that cluster exists, else none),
#   SEED_DAY_COMPRESS (100: the day in 504 s), PEAK_SECS (120), FAULT_SECS (120: the fault
#   runs replay the day compressed into this, far beyond what the server carries, so that
#   the kills hit a saturated server), BIG_CLIENTS (3000),
#   BIG_BOOKINGS (15000), ONLY ("sqlite pg bare": which parts)
# Needs: cargo build --release -p cup-server -p cup-load; PostgreSQL with pgbench; sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${BIN:-$ROOT/target/release}
OUT=${OUT:-/tmp/cup-targets}
SEED_DAY_COMPRESS=${SEED_DAY_COMPRESS:-100}
SEED_DAY_SECS=$(( (14 * 3600 + SEED_DAY_COMPRESS - 1) / SEED_DAY_COMPRESS ))
PEAK_SECS=${PEAK_SECS:-120}
FAULT_SECS=${FAULT_SECS:-120}
BIG_CLIENTS=${BIG_CLIENTS:-3000}
BIG_BOOKINGS=${BIG_BOOKINGS:-15000}
ONLY=${ONLY:-"sqlite pg bare"}
PORT=18200
for b in cup-server cup-load; do
  [ -x "$BIN/$b" ] || { echo "missing $BIN/$b: cargo build --release -p cup-server -p cup-load" >&2; exit 2; }
done
if [ $# -ge 1 ]; then ADMIN=$1; else eval "$(scripts/pg.sh)"; ADMIN=$CUP_TEST_PG_URL; fi
PG_BASE=${ADMIN%/*}
if [ -z "${PG_RESTART+x}" ]; then
  if command -v pg_lsclusters >/dev/null && pg_lsclusters 2>/dev/null | grep -q "^15 *main"; then
    PG_RESTART="pg_ctlcluster 15 main restart"
  else
    PG_RESTART=""
  fi
fi
need=$((BIG_CLIENTS + 1024))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  ulimit -n "$need" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi

mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/cup-targets.XXXXXX)
SERVER_PID=""
PG_DBS=""
cleanup() {
  set +e
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  for db in $PG_DBS; do psql "$ADMIN" -X -q -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; done
  rm -rf "$WORK"
}
trap cleanup EXIT
SUMMARY=$OUT/summary.txt
: >"$SUMMARY"
say() { echo "$*" | tee -a "$SUMMARY"; }
RAISED="--throttle-address-max 100000000 --throttle-identity-max 100000000 --throttle-pair-max 100000000"

start_server() { # URL [more flags]
  local url=$1; shift
  # shellcheck disable=SC2086
  "$BIN/cup-server" --database "$url" --listen 127.0.0.1:$PORT --demo-profile full $RAISED "$@" \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; return 1; }
    sleep 0.5
  done
  echo "server did not start" >&2; return 1
}
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
# Runs cup-load, keeps its whole output, and puts its key lines in the summary.
load() { # NAME args...
  local name=$1; shift
  say "== $name: cup-load $*"
  if ! "$BIN/cup-load" "$@" >"$OUT/$name.txt" 2>"$OUT/$name.err"; then
    cat "$OUT/$name.txt" | tee -a "$SUMMARY"
    say "FAILED: $name (see $OUT/$name.err)"; exit 1
  fi
  grep -E "^(completed|searches|bookings|operation|search |hold |book |login |calendar|cancel|move|release|errors|  [a-z_]+: [a-z_]+: [0-9]+|  (acknowledged|slots booked|duplicate|bookings created|all invariants)|acknowledged|limit|server kills|restarts|.*bookings/s|.*requests/s)" \
    "$OUT/$name.txt" | tee -a "$SUMMARY" || true
}

if [[ " $ONLY " == *" sqlite "* ]]; then
  say "# SQLite, full profile"
  mkdir -p "$WORK/sqlite"
  t0=$(date +%s)
  start_server "sqlite://$WORK/sqlite/full.db"
  stop_server
  sqlite3 "$WORK/sqlite/full.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  say "generated and loaded in $(( $(date +%s) - t0 )) s"
  fresh() { rm -f "$WORK"/run.db*; cp "$WORK/sqlite/full.db" "$WORK/run.db"; }
  DB="sqlite://$WORK/run.db"
  fresh; start_server "$DB" --max-connections 8
  load sqlite-search search --url http://127.0.0.1:$PORT --clients 4 --requests 5000 --profile full
  stop_server
  fresh; start_server "$DB" --max-connections 8
  load sqlite-bench-full bench --url http://127.0.0.1:$PORT --clients 100 --bookings 3000 --profile full --database "$DB"
  stop_server
  fresh; start_server "$DB?synchronous=normal" --max-connections 8
  load sqlite-bench-normal bench --url http://127.0.0.1:$PORT --clients 100 --bookings 3000 --profile full --database "$DB"
  stop_server
  fresh; start_server "$DB" --max-connections 8
  load sqlite-seed-day seed-day --url http://127.0.0.1:$PORT --profile full --compress "$SEED_DAY_COMPRESS" --duration "$SEED_DAY_SECS" --database "$DB" --progress-secs 30
  stop_server
  fresh
  load sqlite-faults seed-day --url http://127.0.0.1:$PORT --profile full --duration "$FAULT_SECS" --database "$DB" \
    --faults --kills 3 --server-bin "$BIN/cup-server" --server-log "$OUT/sqlite-faults.server.log" \
    --server-args "--demo-profile full --max-connections 8 $RAISED" --progress-secs 30
fi

if [[ " $ONLY " == *" pg "* ]]; then
  say "# PostgreSQL, full profile"
  TPL=cup_targets_tpl
  if [ "$(psql "$ADMIN" -X -At -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$TPL'")" != "full 42 loaded" ]; then
    psql "$ADMIN" -X -q -c "DROP DATABASE IF EXISTS $TPL" -c "CREATE DATABASE $TPL" >/dev/null
    t0=$(date +%s)
    start_server "$PG_BASE/$TPL"
    stop_server
    psql "$PG_BASE/$TPL" -X -q -c "VACUUM ANALYZE" -c "COMMENT ON DATABASE $TPL IS 'full 42 loaded'" >/dev/null
    say "generated and loaded in $(( $(date +%s) - t0 )) s (then VACUUM ANALYZE)"
  fi
  n=0
  fresh_pg() {
    n=$((n + 1))
    local db=cup_targets_run$n
    psql "$ADMIN" -X -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db TEMPLATE $TPL" >/dev/null
    PG_DBS="$PG_DBS $db"
    DB="$PG_BASE/$db"
  }
  drop_pg() { psql "$ADMIN" -X -q -c "DROP DATABASE IF EXISTS ${DB##*/}" >/dev/null; }
  fresh_pg; start_server "$DB" --max-connections 32
  load pg-search search --url http://127.0.0.1:$PORT --clients 4 --requests 5000 --profile full
  stop_server; drop_pg
  fresh_pg; start_server "$DB" --max-connections 32
  load pg-bench-100 bench --url http://127.0.0.1:$PORT --clients 100 --bookings 3000 --profile full --database "$DB"
  stop_server; drop_pg
  fresh_pg; start_server "$DB" --max-connections 64
  load pg-bench-$BIG_CLIENTS bench --url http://127.0.0.1:$PORT --clients "$BIG_CLIENTS" --bookings "$BIG_BOOKINGS" --profile full --database "$DB"
  stop_server; drop_pg
  fresh_pg; start_server "$DB" --max-connections 32
  load pg-seed-day seed-day --url http://127.0.0.1:$PORT --profile full --compress "$SEED_DAY_COMPRESS" --duration "$SEED_DAY_SECS" --database "$DB" --progress-secs 30
  stop_server; drop_pg
  fresh_pg; start_server "$DB" --max-connections 32
  load pg-peak peak --url http://127.0.0.1:$PORT --profile full --duration "$PEAK_SECS" --database "$DB" --progress-secs 30
  stop_server; drop_pg
  fresh_pg
  restart=()
  [ -n "$PG_RESTART" ] && restart=(--restart-postgres "$PG_RESTART")
  load pg-faults seed-day --url http://127.0.0.1:$PORT --profile full --duration "$FAULT_SECS" --database "$DB" \
    --faults --kills 3 "${restart[@]}" --server-bin "$BIN/cup-server" --server-log "$OUT/pg-faults.server.log" \
    --server-args "--demo-profile full --max-connections 32 $RAISED" --progress-secs 30
  drop_pg
  fresh_pg
  say "== pgbench (scripts/bench/pgbench.sh, 100 clients, 60 s)"
  scripts/bench/pgbench.sh "$DB" >"$OUT/pgbench.txt" 2>&1 || { cat "$OUT/pgbench.txt"; exit 1; }
  grep -E "^(tps|latency average|bookings made)" "$OUT/pgbench.txt" | tee -a "$SUMMARY"
  drop_pg
fi

if [[ " $ONLY " == *" bare "* ]]; then
  say "# Bare HTTP handler (scripts/bench/bare.sh)"
  OUT="$OUT/bare" BIN="$BIN" scripts/bench/bare.sh >"$OUT/bare.txt" 2>&1 || { cat "$OUT/bare.txt"; exit 1; }
  grep -E "requests/s|clients|wrk|Requests/sec|Latency" "$OUT/bare.txt" | tee -a "$SUMMARY" || true
fi
say "all runs done; invariants held in every booking run"
