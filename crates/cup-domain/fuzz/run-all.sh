#!/usr/bin/env bash
# Builds every fuzz target of cup-domain once, then runs each for SECONDS (default 10).
# Usage: crates/cup-domain/fuzz/run-all.sh [SECONDS]
# Honours CARGO_TARGET_DIR (default: this folder's own target/). Needs cargo-fuzz on PATH
# or in <repo>/.tools/bin; works on stable rustc through RUSTC_BOOTSTRAP=1.
set -euo pipefail

seconds="${1:-10}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
cd "$here"

export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"

if command -v cargo-fuzz >/dev/null 2>&1; then
    fuzz=(cargo-fuzz fuzz)
elif [ -x "$repo/.tools/bin/cargo-fuzz" ]; then
    fuzz=("$repo/.tools/bin/cargo-fuzz" fuzz)
else
    echo "cargo-fuzz not found: cargo install cargo-fuzz --locked --root $repo/.tools" >&2
    exit 2
fi

"${fuzz[@]}" build
targets=$("${fuzz[@]}" list)
failed=0
for t in $targets; do
    mkdir -p "corpus/$t"
    echo "== fuzz $t for ${seconds}s"
    if ! "${fuzz[@]}" run "$t" "corpus/$t" -- -max_total_time="$seconds" -print_final_stats=0 2>"$CARGO_TARGET_DIR/fuzz-$t.log"; then
        echo "FAILED: $t (see $CARGO_TARGET_DIR/fuzz-$t.log)" >&2
        tail -n 40 "$CARGO_TARGET_DIR/fuzz-$t.log" >&2
        failed=$((failed + 1))
    fi
done
total=$(echo "$targets" | wc -w)
echo "fuzz: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
