#!/usr/bin/env bash
# Scale-out benchmark (issue 8): cup-server replicas are stateless, so several of them can
# serve one PostgreSQL database behind a reverse proxy. This script measures, with the same
# closed-loop load (cup-load stress at a fixed client count, no ramp):
#   (a) one replica, directly;
#   (b) nginx (round robin) in front of two replicas;
#   (c) the same, with one replica killed (SIGKILL) half-way through the run;
#   (a2) one replica directly again (a control for the order: caches warm up run after run);
# and checks the invariants in the database after every run (cup-load --database), then runs
# scripts/bench/pgbench.sh (the same booking's minimal SQL) on the same database.
#
# Usage: scripts/bench/scale-out.sh [--database postgres://...]
#   without --database: a private PostgreSQL cluster (initdb under a temp dir, port $PG_PORT)
#   with it: that database (must be empty, or hold the same demo region/profile/seed)
# Environment: DURATION (60 s per run), CLIENTS (100), PROFILE (full), SEED (42),
#   MAX_CONN (32 per replica), PG_PORT (55432), BASE_PORT (18100: nginx; +1, +2 the replicas),
#   BIN (target/release), OUT (results dir, kept; default /tmp/cup-scale-out-results),
#   PGBENCH (1: run scripts/bench/pgbench.sh at the end)
# Needs: release binaries, nginx (apt-get install nginx), PostgreSQL's initdb/pg_ctl, pgbench.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DURATION=${DURATION:-60}
CLIENTS=${CLIENTS:-100}
PROFILE=${PROFILE:-full}
SEED=${SEED:-42}
MAX_CONN=${MAX_CONN:-32}
PG_PORT=${PG_PORT:-55432}
BASE_PORT=${BASE_PORT:-18100}
BIN=${BIN:-$ROOT/target/release}
OUT=${OUT:-/tmp/cup-scale-out-results}
PGBENCH=${PGBENCH:-1}
DB_URL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --database) DB_URL=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
for b in cup-server cup-load; do
  [ -x "$BIN/$b" ] || { echo "missing $BIN/$b: cargo build --release -p cup-server -p cup-load" >&2; exit 2; }
done
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || {
  echo "nginx is missing: apt-get install nginx" >&2; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

NGINX_PORT=$BASE_PORT
R1_PORT=$((BASE_PORT + 1))
R2_PORT=$((BASE_PORT + 2))
WORK=$(mktemp -d /tmp/cup-scale-out.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$OUT"
PIDS_R1="" PIDS_R2="" NGINX_PID="" PG_STARTED=""
PGBIN=$(dirname "$(readlink -f "$(command -v initdb || echo /usr/lib/postgresql/15/bin/initdb)")")

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  set +e
  for p in $PIDS_R1 $PIDS_R2; do kill "$p" 2>/dev/null; done
  [ -z "$NGINX_PID" ] || kill "$NGINX_PID" 2>/dev/null
  for p in $PIDS_R1 $PIDS_R2 $NGINX_PID; do wait "$p" 2>/dev/null; done
  if [ -n "$PG_STARTED" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1
  fi
  cp "$WORK"/*.log "$OUT"/ 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$DB_URL" ]; then
  echo "== private PostgreSQL cluster in $WORK/pg, port $PG_PORT"
  mkdir -p "$WORK/pg" "$WORK/pgsock"
  [ "$(id -u)" -ne 0 ] || chown postgres "$WORK/pg" "$WORK/pgsock"
  as_pg "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 >"$WORK/initdb.log" 2>&1
  PG_STARTED=1
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/pgsock -c max_connections=200" \
    start >/dev/null
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres cup_bench
  DB_URL="postgres://postgres@127.0.0.1:$PG_PORT/cup_bench"
fi
echo "== database: ${DB_URL%%@*}@... (profile $PROFILE, seed $SEED)"

SERVER_ARGS=(--database "$DB_URL" --demo-profile "$PROFILE" --demo-seed "$SEED"
  --max-connections "$MAX_CONN" --hold-ttl-secs 60
  --throttle-address-max 100000000 --throttle-identity-max 100000000)

wait_health() { # port timeout
  local i
  for i in $(seq 1 $(($2 * 5))); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/health" && return 0
    sleep 0.2
  done
  echo "server on port $1 did not answer /health" >&2
  return 1
}
start_replica() { # n port
  "$BIN/cup-server" "${SERVER_ARGS[@]}" --listen "127.0.0.1:$2" >>"$WORK/replica$1.log" 2>&1 &
  local pid=$!
  if [ "$1" = 1 ]; then PIDS_R1=$pid; else PIDS_R2=$pid; fi
}

t0=$SECONDS
start_replica 1 "$R1_PORT"
wait_health "$R1_PORT" 900
echo "== replica 1 up (demo region loaded if the database was empty) in $((SECONDS - t0)) s"
start_replica 2 "$R2_PORT"
wait_health "$R2_PORT" 120
echo "== replica 2 up"

mkdir -p "$WORK/nginx/tmp"
chmod 777 "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  upstream cup {
    server 127.0.0.1:$R1_PORT max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$R2_PORT max_fails=1 fail_timeout=10s;
    keepalive 128;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
    location / {
      proxy_pass http://cup;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      # A replica that dies mid-request: the request goes to the other one. Safe for POSTs
      # too, since every mutating request carries an Idempotency-Key kept in the database.
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
    }
  }
}
EOF
"$NGINX" -e "$WORK/nginx.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
wait_health "$NGINX_PORT" 30
echo "== nginx on 127.0.0.1:$NGINX_PORT -> replicas :$R1_PORT, :$R2_PORT"

run_load() { # name url
  echo "== run $1: cup-load stress, $CLIENTS clients for $DURATION s against $2"
  local rc=0
  "$BIN/cup-load" stress --url "$2" --database "$DB_URL" --profile "$PROFILE" --seed "$SEED" \
    --start-clients "$CLIENTS" --warmup-secs 0 --step-secs "$DURATION" --duration "$DURATION" \
    --drain-secs 30 --progress-secs 10 --json "$OUT/$1.json" >"$OUT/$1.txt" 2>"$OUT/$1.progress" || rc=$?
  cat "$OUT/$1.txt"
  echo "== run $1: cup-load exit status $rc (0: invariants hold)"
  echo "$rc" >"$OUT/$1.rc"
}

# (a) one replica directly.
run_load a-one-replica "http://127.0.0.1:$R1_PORT"
# (b) nginx, two replicas.
run_load b-nginx-two "http://127.0.0.1:$NGINX_PORT"
# (c) nginx, two replicas, replica 2 killed half-way.
( sleep $((DURATION / 2)); kill -KILL "$PIDS_R2" 2>/dev/null && echo "== replica 2 killed (SIGKILL) at $((DURATION / 2)) s" ) &
killer=$!
run_load c-nginx-kill "http://127.0.0.1:$NGINX_PORT"
wait "$killer" 2>/dev/null || true
# (a2) one replica directly again: the runs above are in order on a freshly loaded database
# (caches warming, autovacuum after the load), so this control tells order from scale-out.
run_load a2-one-replica-again "http://127.0.0.1:$R1_PORT"

summary() {
  python3 - "$OUT" "$DURATION" <<'PY'
import json, sys, os
out, dur = sys.argv[1], float(sys.argv[2])
print(f"{'run':<22}{'rc':>3}{'bookings':>10}{'book/s':>9}{'hold p50/p99 ms':>18}{'book p50/p99 ms':>18}{'search p99':>11}  errors")
for name in ("a-one-replica", "b-nginx-two", "c-nginx-kill", "a2-one-replica-again"):
    p = os.path.join(out, name + ".json")
    if not os.path.exists(p):
        continue
    j = json.load(open(p)); ops = j.get("operations", {})
    rc = open(os.path.join(out, name + ".rc")).read().strip()
    b = ops.get("book", {}); h = ops.get("hold", {}); s = ops.get("search", {})
    f = lambda o, k: f"{o.get(k, 0):.0f}"
    print(f"{name:<22}{rc:>3}{b.get('count', 0):>10}{b.get('count', 0) / dur:>9.1f}"
          f"{f(h,'p50_ms') + '/' + f(h,'p99_ms'):>18}{f(b,'p50_ms') + '/' + f(b,'p99_ms'):>18}"
          f"{s.get('p99_ms', 0):>11.1f}  {json.dumps(j.get('errors', {}))}")
PY
}
echo "== summary (book/s = bookings / $DURATION s of load; rc 0 = invariants hold)"
summary | tee "$OUT/summary.txt"

if [ "$PGBENCH" = 1 ]; then
  for p in $PIDS_R1 $PIDS_R2; do kill "$p" 2>/dev/null || true; done
  echo "== pgbench on the same database, $CLIENTS clients, $DURATION s"
  CLIENTS=$CLIENTS DURATION=$DURATION "$ROOT/scripts/bench/pgbench.sh" "$DB_URL" | tee "$OUT/pgbench.txt"
fi
fail=0
for n in a-one-replica b-nginx-two c-nginx-kill a2-one-replica-again; do [ "$(cat "$OUT/$n.rc")" = 0 ] || fail=1; done
exit $fail
