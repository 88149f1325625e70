#!/usr/bin/env bash
# Runs a command with a private, unlocked Secret Service: gnome-keyring on its own D-Bus
# session bus, with HOME and XDG_* in a temp dir, so the developer's own keyring is never
# touched. Sets CUP_KEYRING_TEST=1: the keyring tests run for real only then (elsewhere they
# skip and say why). Exits with the command's status.
#
#   scripts/with-keyring.sh cargo test --workspace --locked
set -euo pipefail

if [ "${1:-}" = "--inside-session" ]; then
  shift
  # The login keyring, created with an empty password and unlocked (TAURI-NOTES: the password
  # comes from stdin; an empty line works), serving only the Secret Service. In the
  # foreground, so this script owns its process and stops it.
  gnome-keyring-daemon --foreground --unlock --components=secrets <<<"" \
    >"$CUP_KEYRING_SANDBOX/gnome-keyring.log" 2>&1 &
  daemon=$!
  ready=""
  for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q 'boolean true'; then
      ready=1
      break
    fi
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$ready" ]; then
    echo "with-keyring: the Secret Service did not start; its log:" >&2
    cat "$CUP_KEYRING_SANDBOX/gnome-keyring.log" >&2 || true
    kill "$daemon" 2>/dev/null || true
    exit 1
  fi
  status=0
  "$@" || status=$?
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
  exit "$status"
fi

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "with-keyring: $tool is missing (scripts/setup.sh test installs dbus and gnome-keyring)" >&2
    exit 1
  fi
done

# The toolchain stays where it is when HOME moves.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"

SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/cup-keyring.XXXXXX")
cleanup() {
  # A desktop portal started on the private bus (xdg-document-portal, when installed) may
  # still have its FUSE mount under the runtime folder: detach it before removing the sandbox,
  # and never let a leftover fail the command's status.
  if [ -d "$SANDBOX/runtime/doc" ]; then
    fusermount3 -u -z "$SANDBOX/runtime/doc" 2>/dev/null ||
      fusermount -u -z "$SANDBOX/runtime/doc" 2>/dev/null || umount -l "$SANDBOX/runtime/doc" 2>/dev/null || true
  fi
  rm -rf "$SANDBOX" 2>/dev/null || echo "with-keyring: could not remove $SANDBOX entirely" >&2
}
trap cleanup EXIT
mkdir -p "$SANDBOX/home" "$SANDBOX/runtime" "$SANDBOX/data" "$SANDBOX/config" "$SANDBOX/cache"
chmod 700 "$SANDBOX/runtime"
export HOME="$SANDBOX/home"
export XDG_RUNTIME_DIR="$SANDBOX/runtime"
export XDG_DATA_HOME="$SANDBOX/data"
export XDG_CONFIG_HOME="$SANDBOX/config"
export XDG_CACHE_HOME="$SANDBOX/cache"
export CUP_KEYRING_SANDBOX="$SANDBOX"
export CUP_KEYRING_TEST=1
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

status=0
dbus-run-session -- "$0" --inside-session "$@" || status=$?
exit "$status"
