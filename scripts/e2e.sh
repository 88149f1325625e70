#!/usr/bin/env bash
# Runs the end-to-end tests against the built app binary in a real window under Xvfb, with a
# private D-Bus session, HOME and XDG folders (so nothing is written to the user's own).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CUP_APP_BINARY=${CUP_APP_BINARY:-$ROOT/target/debug/cup-toscana}
export CUP_TAURI_DRIVER=${CUP_TAURI_DRIVER:-$ROOT/.tools/bin/tauri-driver}
export CUP_SCREENSHOTS=${CUP_SCREENSHOTS:-$ROOT/target/e2e-screenshots}
[ -x "$CUP_APP_BINARY" ] || { echo "no app binary at $CUP_APP_BINARY (cargo build -p cup-toscana)" >&2; exit 1; }
mkdir -p "$CUP_SCREENSHOTS"

SANDBOX=$(mktemp -d -t cup-e2e-XXXXXX)
trap 'rm -rf "$SANDBOX"' EXIT
export CARGO_HOME=${CARGO_HOME:-$HOME/.cargo} RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
export HOME=$SANDBOX/home XDG_CONFIG_HOME=$SANDBOX/config XDG_DATA_HOME=$SANDBOX/data
export XDG_CACHE_HOME=$SANDBOX/cache XDG_RUNTIME_DIR=$SANDBOX/runtime
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# Arguments: test files to run (all of tests/e2e by default).
if [ $# -gt 0 ]; then tests=("$@"); else tests=(tests/e2e/*.test.mjs); fi
exec xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- \
  node --test --test-concurrency=1 --test-timeout=180000 "${tests[@]}"
