#!/usr/bin/env bash
# Runs the end-to-end tests against the built app binary in a real window under Xvfb, with a
# private D-Bus session and an unlocked private Secret Service (scripts/with-keyring.sh: the
# app's "remember me" uses the OS keyring), HOME and XDG folders (so nothing is written to
# the user's own).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CUP_APP_BINARY=${CUP_APP_BINARY:-$ROOT/target/debug/cup-toscana}
export CUP_TAURI_DRIVER=${CUP_TAURI_DRIVER:-$ROOT/.tools/bin/tauri-driver}
export CUP_SCREENSHOTS=${CUP_SCREENSHOTS:-$ROOT/target/e2e-screenshots}
[ -x "$CUP_APP_BINARY" ] || { echo "no app binary at $CUP_APP_BINARY (cargo build -p cup-toscana)" >&2; exit 1; }
mkdir -p "$CUP_SCREENSHOTS"

SANDBOX=$(mktemp -d -t cup-e2e-XXXXXX)
# Every process of the run (the test runner, tauri-driver, the app, WebKit, D-Bus and the
# services it activates, Xvfb) carries this marker, so that none can outlive the run: a
# leftover daemon holding the caller's output pipe would keep CI waiting forever.
export CUP_E2E_SANDBOX=$SANDBOX
sweep() {
  local proc pid
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [ "$pid" = "$$" ] && continue
    if { tr '\0' '\n' <"$proc/environ"; } 2>/dev/null | grep -qxF "CUP_E2E_SANDBOX=$SANDBOX"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$SANDBOX"
}
trap sweep EXIT
export CARGO_HOME=${CARGO_HOME:-$HOME/.cargo} RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
export HOME=$SANDBOX/home XDG_CONFIG_HOME=$SANDBOX/config XDG_DATA_HOME=$SANDBOX/data
export XDG_CACHE_HOME=$SANDBOX/cache XDG_RUNTIME_DIR=$SANDBOX/runtime
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# Arguments: test files to run (all of tests/e2e by default).
if [ $# -gt 0 ]; then tests=("$@"); else tests=(tests/e2e/*.test.mjs); fi
# The whole run is bounded too (default 20 minutes; it takes about 1.5).
timeout --kill-after=30 "${CUP_E2E_TIMEOUT:-1200}" \
  xvfb-run -a -s "-screen 0 1920x1080x24" scripts/with-keyring.sh \
  node --test --test-force-exit --test-concurrency=1 --test-timeout=180000 "${tests[@]}"
