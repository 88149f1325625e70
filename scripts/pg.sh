#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster on loopback if it is down, and makes sure a test
# role exists. Prints the admin URL the tests use to create a fresh database per test.
# Usage: eval "$(scripts/pg.sh)"   ->  exports CUP_TEST_PG_URL, and CUP_PG_STARTED ("VERSION
# CLUSTER") when this call started the cluster, so that the caller can stop it again.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
command -v pg_lsclusters >/dev/null || { echo "PostgreSQL is not installed (scripts/setup.sh test installs it)" >&2; exit 1; }
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1) || {
  echo "no PostgreSQL cluster found" >&2; exit 1; }
started=""
if [ "$status" != "online" ]; then
  # The server's output goes to its log file, never to the caller's pipes.
  $SUDO pg_ctlcluster "$version" "$cluster" start </dev/null >&2
  started="$version $cluster"
fi
for _ in $(seq 1 50); do
  $SUDO runuser -u postgres -- pg_isready -q -p "$port" -h 127.0.0.1 && break
  sleep 0.2
done
# Enough connections for concurrency tests with several servers at once.
$SUDO runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cup_test') THEN
    CREATE ROLE cup_test LOGIN SUPERUSER PASSWORD 'cup_test';
  END IF;
END $$;
SQL
echo "export CUP_TEST_PG_URL=postgres://cup_test:cup_test@127.0.0.1:${port}/postgres"
[ -z "$started" ] || echo "export CUP_PG_STARTED='$started'"
