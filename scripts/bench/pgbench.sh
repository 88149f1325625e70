#!/usr/bin/env bash
# The limit (issue 8): pgbench runs scripts/bench/pgbench-booking.sql (the minimal SQL of one
# booking: pick a free slot, hold it, book it, one transaction) on a cup-server database that
# holds a demo region, and prints transactions/s. Its rows are removed afterwards (the
# bookings it made, their holds and its session), so the database stays as cup-server left it.
# Usage: scripts/bench/pgbench.sh postgres://user@host:port/db
# Environment: CLIENTS (100), DURATION (60 s), THREADS (2: pgbench's own threads)
set -euo pipefail
cd "$(dirname "$0")/../.."
URL=${1:?usage: scripts/bench/pgbench.sh postgres://...}
CLIENTS=${CLIENTS:-100}
DURATION=${DURATION:-60}
THREADS=${THREADS:-2}
q() { psql "$URL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

maxslot=$(q "SELECT max(id) FROM slot")
citizen=$(q "SELECT min(id) FROM citizen")
prescription=$(q "SELECT min(id) FROM prescription")
session=$(q "INSERT INTO session (token_hash, citizen_id, kind, channel, created_at, expires_at)
  VALUES ('pgbench-' || md5(random()::text), $citizen, 'card', 'pgbench',
  extract(epoch FROM now())::bigint, extract(epoch FROM now())::bigint + 86400) RETURNING id" | head -n 1)
cleanup() {
  psql "$URL" -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL || echo "pgbench.sh: cleanup failed" >&2
BEGIN;
-- booking.moved_from/moved_to reference booking(id) without an index: checking them for each
-- of ~100k deleted rows scans the table each time. Nothing references pgbench's rows, so the
-- foreign-key triggers are skipped for this transaction (needs a superuser, as the URL's).
SET LOCAL session_replication_role = replica;
UPDATE slot SET booking_id = NULL, hold_id = NULL, held_until = NULL
  WHERE id IN (SELECT slot_id FROM booking WHERE channel = 'pgbench')
     OR id IN (SELECT slot_id FROM hold WHERE session_id = $session);
DELETE FROM booking WHERE channel = 'pgbench';
DELETE FROM hold WHERE session_id = $session;
DELETE FROM session WHERE id = $session;
COMMIT;
SQL
}
trap cleanup EXIT
echo "pgbench: $CLIENTS clients, $THREADS threads, $DURATION s, slots 1..$maxslot"
pgbench -n -M prepared -c "$CLIENTS" -j "$THREADS" -T "$DURATION" -P 10 \
  -D maxslot="$maxslot" -D session="$session" -D citizen="$citizen" -D prescription="$prescription" \
  -f scripts/bench/pgbench-booking.sql "$URL" 2>&1 | grep -v "^pgbench (" || true
echo "bookings made by pgbench: $(q "SELECT count(*) FROM booking WHERE channel = 'pgbench'")"
