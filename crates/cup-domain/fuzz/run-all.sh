#!/usr/bin/env bash
# Builds every fuzz target of cup-domain once, then runs each for SECONDS (default 10).
# Usage: crates/cup-domain/fuzz/run-all.sh [SECONDS]   (scripts/fuzz.sh does the work)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../../../scripts/fuzz.sh" "${1:-10}" "$here"
