#!/usr/bin/env bash
# Fuzzes the served OpenAPI (issue 8): schemathesis generates requests for every operation of
# /v1/openapi.json, valid and invalid, against a debug cup-server on a fresh SQLite file, and
# fails on any 5xx and on any answer the document does not describe (status, content type,
# body schema, headers), on schema-invalid input that is accepted, on authentication that is
# not enforced. Authenticated operations run as a demo citizen who holds a booking and has
# bookable lines left; dictionaries feed the demo identifiers (NRE, CUP number, PIN...) to
# about half of the requests, so that they reach the service and the store, not only the
# parsers. Bounded: about 2 minutes of generation.
# Usage: scripts/bench/schemathesis.sh [postgres://user:pass@host:port/db]
#   With a PostgreSQL URL (e.g. $CUP_TEST_PG_URL from scripts/pg.sh) the server runs on a
#   fresh database created there and dropped at exit, instead of a fresh SQLite file.
# Environment: MAX_TIME (120 s of generation), MAX_EXAMPLES (200 per operation and phase),
# SEED (random), WORKERS (2), REPORT_DIR (target/schemathesis: a JUnit report and the
# requests as a VCR cassette, to replay a failure).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ST_VERSION=4.32.5
VENV=$ROOT/target/schemathesis-venv
SERVER=$ROOT/target/debug/cup-server
MAX_TIME=${MAX_TIME:-120}
MAX_EXAMPLES=${MAX_EXAMPLES:-200}
WORKERS=${WORKERS:-2}
REPORT_DIR=${REPORT_DIR:-$ROOT/target/schemathesis}

if [ "$("$VENV/bin/st" --version 2>/dev/null)" != "st, version $ST_VERSION" ]; then
  echo "schemathesis: installing $ST_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$ST_VERSION"
fi
PY=$VENV/bin/python
cargo build --quiet -p cup-server

WORK=$(mktemp -d)
SERVER_PID=""
PG_ADMIN=${1:-}
PG_DB=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_DB" ]; then
    psql "$PG_ADMIN" -X -q -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
DATABASE=sqlite://$WORK/cup.db
if [ -n "$PG_ADMIN" ]; then
  PG_DB=cup_schemathesis_$$
  psql "$PG_ADMIN" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PG_DB"
  DATABASE=${PG_ADMIN%/*}/$PG_DB
fi

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
# Throttles raised: the fuzzer fails logins by the thousand and should reach the code behind
# them, not only the lockout.
"$SERVER" --database "$DATABASE" --listen "127.0.0.1:$PORT" --demo-profile small \
  --throttle-pair-max 1000000 --throttle-identity-max 1000000 --throttle-address-max 1000000 \
  --ops-token "schemathesis-ops-token" --sms-spool "$WORK/sms.jsonl" \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$BASE/health" >/dev/null

# The demo citizens, and a session of the one with three lines on a prescription (case
# multi_radiology), whose first line is booked here: the other two stay bookable, and the
# booking can be read, moved and cancelled.
"$SERVER" demo-citizens >"$WORK/citizens.md"
"$PY" - "$BASE" "$WORK" <<'PY'
import json, sys, urllib.request
from datetime import date, timedelta

base, work = sys.argv[1], sys.argv[2]
citizens = []
for row in open(f"{work}/citizens.md"):
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    if len(cells) > 5 and cells[2] and cells[2].isalnum() and len(cells[2]) == 16:
        citizens.append(dict(case=cells[0], cf=cells[2], tessera=cells[3], nre=cells[4]))
assert citizens, "no demo citizens parsed"

def call(method, path, body=None, token=None, key=None):
    headers = {"X-CUP-Channel": "app", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if key:
        headers["Idempotency-Key"] = key
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request) as response:
        return json.load(response)

def login(case):
    c = next(c for c in citizens if c["case"] == case)
    body = dict(codice_fiscale=c["cf"], tessera=c["tessera"], nre=c["nre"], privacy_consent=True)
    return c, call("POST", "/v1/sessions/prescription", body)["token"]

citizen, token = login("multi_radiology")
_, logout_token = login("visit_p")
nre = citizen["nre"]
offers = call("GET", f"/v1/prescriptions/{nre}/availability?line=0&scope=region", token=token)
slot = offers["offers"][0]["slot_id"]
hold = call("POST", "/v1/holds", dict(nre=nre, line=0, slot_id=slot), token, "setup-hold")
booking = call("POST", "/v1/bookings", dict(hold_id=hold["id"], phone="347 000 0003"), token, "setup-book")
# Live slots and holds of the two lines left, and the catalogue's zones and facilities.
slots = [o["slot_id"] for line in (1, 2) for o in call(
    "GET", f"/v1/prescriptions/{nre}/availability?line={line}&scope=region&limit=5", token=token)["offers"]]
holds = [call("POST", "/v1/holds", dict(nre=nre, line=1, slot_id=slots[0]), token, "setup-hold-2")["id"]]
zones = [z["id"] for z in call("GET", "/v1/catalogue/areas")["zones"]]
facilities = [f["id"] for f in call("GET", "/v1/catalogue/facilities")["facilities"]][:10]

today = date.today()
days = [str(today + timedelta(days=d)) for d in (-1, 0, 1, 7, 30, 179, 400)]
months = sorted({d[:7] for d in days})
def values(items):
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"
config = f"""
headers = {{ Authorization = "Bearer {token}" }}

[dictionaries]
nre = {{ values = {values([nre] + [c["nre"] for c in citizens])} }}
cup_number = {{ values = {values([booking["cup_number"]])} }}
pin = {{ values = {values([booking["pin"]])} }}
codice_fiscale = {{ values = {values([c["cf"] for c in citizens])} }}
tessera = {{ values = {values([c["tessera"] for c in citizens])} }}
line = {{ values = [0, 1, 2] }}
day = {{ values = {values(days)} }}
month = {{ values = {values(months)} }}
phone = {{ values = ["+39 347 000 0003", "3470000003", "0039 055 1234567"] }}
key = {{ values = ["fuzz-key-1", "fuzz-key-2"] }}
slot_id = {{ values = {values(slots)} }}
hold_id = {{ values = {values(holds)} }}
zone_id = {{ values = {values(zones)} }}
facility_id = {{ values = {values(facilities)} }}

[parameters]
"path.nre" = {{ dictionary = "nre", probability = 0.6 }}
"query.nre" = {{ dictionary = "nre", probability = 0.5 }}
"body.nre" = {{ dictionary = "nre", probability = 0.6 }}
"path.cup_number" = {{ dictionary = "cup_number", probability = 0.6 }}
"query.cup_number" = {{ dictionary = "cup_number", probability = 0.5 }}
"query.reschedule" = {{ dictionary = "cup_number", probability = 0.3 }}
"body.reschedule" = {{ dictionary = "cup_number", probability = 0.3 }}
"query.pin" = {{ dictionary = "pin", probability = 0.5 }}
"body.codice_fiscale" = {{ dictionary = "codice_fiscale", probability = 0.6 }}
"body.tessera" = {{ dictionary = "tessera", probability = 0.6 }}
"query.line" = {{ dictionary = "line", probability = 0.6 }}
"body.line" = {{ dictionary = "line", probability = 0.6 }}
"query.from" = {{ dictionary = "day", probability = 0.5 }}
"query.to" = {{ dictionary = "day", probability = 0.5 }}
"query.day" = {{ dictionary = "day", probability = 0.5 }}
"query.month" = {{ dictionary = "month", probability = 0.5 }}
"body.phone" = {{ dictionary = "phone", probability = 0.4 }}
"header.Idempotency-Key" = {{ dictionary = "key", probability = 0.2 }}
"body.slot_id" = {{ dictionary = "slot_id", probability = 0.6 }}
"body.hold_id" = {{ dictionary = "hold_id", probability = 0.6 }}
"path.id" = {{ dictionary = "hold_id", probability = 0.6 }}
"query.zone_id" = {{ dictionary = "zone_id", probability = 0.5 }}
"query.facility_id" = {{ dictionary = "facility_id", probability = 0.5 }}

# Logging out ends the session it runs with: not the one every other operation uses.
[[operations]]
include-path = "/v1/sessions/current"
headers = {{ Authorization = "Bearer {logout_token}" }}

# The operators' endpoint answers 403 to whoever is not an operator, with a wrong token or
# none (tests/ops.rs), where the check insists on 401 for a missing Authorization.
[[operations]]
include-path = "/ops/stats"
headers = {{ Authorization = "Bearer schemathesis-ops-token" }}
checks.missing_required_header.enabled = false

[phases.fuzzing]
extra-data-sources = {{ responses = true }}

# Every check but positive_data_acceptance: a schema cannot say which codice fiscale has the
# right check character, so schema-valid identifiers are rightly refused with 400.
[checks]
positive_data_acceptance.enabled = false
"""
open(f"{work}/schemathesis.toml", "w").write(config)
print(f"schemathesis: as {citizen['case']} ({nre}), booking {booking['cup_number']}")
PY

mkdir -p "$REPORT_DIR"
cd "$WORK"
seed_args=()
[ -n "${SEED:-}" ] && seed_args=(--seed "$SEED")
status=0
"$VENV/bin/st" --config-file "$WORK/schemathesis.toml" run "$BASE/v1/openapi.json" \
  --max-examples "$MAX_EXAMPLES" --max-time "$MAX_TIME" --workers "$WORKERS" \
  --request-timeout 10 --suppress-health-check too_slow,filter_too_much \
  --report junit,vcr --report-dir "$REPORT_DIR" --no-color "${seed_args[@]}" || status=$?
# A panic in a handler is answered by a closed connection or a 500 the run has seen; the
# server's own log says where.
if grep -E "panicked|ERROR" "$WORK/server.log" >&2; then
  echo "schemathesis: the server logged errors (above)" >&2
  status=1
fi
exit "$status"
