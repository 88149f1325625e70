#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 / Ubuntu machine: installs only what is missing.
#   scripts/setup.sh app    what building and running the app needs
#   scripts/setup.sh test   that, plus what the test suite needs (Xvfb, WebDriver, PostgreSQL...)
# Everything the project installs outside Debian's packages stays inside the clone (.tools/,
# node_modules/); nothing is cached elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODE=${1:-app}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "run as root or install sudo"
  SUDO=sudo
fi

APP_PACKAGES=(build-essential pkg-config libwebkit2gtk-4.1-dev curl file)
# dunst + libnotify-bin: the notification server the end-to-end tests read back (dunstctl);
# xdg-utils: xdg-open, which opens the booking documents (the tests register a recording viewer)
# cups-daemon + cups-client: the kiosk's printing, tested through a private CUPS scheduler
TEST_PACKAGES=(xvfb xauth dbus dbus-x11 webkit2gtk-driver gnome-keyring libsecret-tools dunst
  libnotify-bin xdg-utils at-spi2-core fonts-dejavu-core imagemagick poppler-utils postgresql
  cups-daemon cups-client)

wanted=("${APP_PACKAGES[@]}")
[ "$MODE" = test ] && wanted+=("${TEST_PACKAGES[@]}")
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if command -v node >/dev/null; then :; else missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || die "Rust is missing: install it with rustup (https://rustup.rs), then run this again"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js >= 20 is needed (found $(node --version)); Debian 12's nodejs is 18: install Node 20 or newer, then run this again"

npm_install() { # folder
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install ui

if [ "$MODE" = test ]; then
  npm_install tests/e2e
  mkdir -p .tools
  if [ ! -x .tools/bin/tauri-driver ]; then
    say "Installing tauri-driver 2.x into .tools/"
    cargo install tauri-driver --version '^2' --locked --root "$ROOT/.tools" --quiet
  fi
  if [ ! -x .tools/bin/cargo-fuzz ]; then
    say "Installing cargo-fuzz into .tools/"
    cargo install cargo-fuzz --version '^0.13' --locked --root "$ROOT/.tools" --quiet
  fi
  command -v WebKitWebDriver >/dev/null || die "WebKitWebDriver is missing (Debian package webkit2gtk-driver)"
fi
say "Set-up complete ($MODE)"
