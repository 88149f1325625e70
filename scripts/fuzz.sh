#!/usr/bin/env bash
# Builds every cargo-fuzz target of the given fuzz workspaces, then runs each for SECONDS.
# Usage: scripts/fuzz.sh SECONDS DIR...
#   e.g. scripts/fuzz.sh 5 crates/cup-domain/fuzz crates/cup-api/fuzz
# A target reads its committed seeds (DIR/seeds/<target>/, if any) and its local corpus
# (DIR/corpus/<target>/, not committed), where the inputs it finds are kept for the next run.
# Honours CARGO_TARGET_DIR (default: each DIR's own target/). Needs cargo-fuzz on PATH or in
# <repo>/.tools/bin; works on stable rustc through RUSTC_BOOTSTRAP=1.
set -euo pipefail

seconds="${1:?usage: scripts/fuzz.sh SECONDS DIR...}"
shift
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

export RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"

if command -v cargo-fuzz >/dev/null 2>&1; then
    fuzz=(cargo-fuzz fuzz)
elif [ -x "$repo/.tools/bin/cargo-fuzz" ]; then
    fuzz=("$repo/.tools/bin/cargo-fuzz" fuzz)
else
    echo "cargo-fuzz not found: cargo install cargo-fuzz --locked --root $repo/.tools" >&2
    exit 2
fi

total=0
failed=0
for dir in "$@"; do
    dir="$(cd "$dir" && pwd)"
    target_dir="${CARGO_TARGET_DIR:-$dir/target}"
    (cd "$dir" && CARGO_TARGET_DIR="$target_dir" "${fuzz[@]}" build)
    for t in $(cd "$dir" && "${fuzz[@]}" list); do
        total=$((total + 1))
        mkdir -p "$dir/corpus/$t"
        inputs=("corpus/$t")
        [ -d "$dir/seeds/$t" ] && inputs+=("seeds/$t")
        log="$target_dir/fuzz-$t.log"
        echo "== fuzz $t for ${seconds}s"
        if ! (cd "$dir" && CARGO_TARGET_DIR="$target_dir" "${fuzz[@]}" run "$t" "${inputs[@]}" \
            -- -max_total_time="$seconds" -print_final_stats=1 2>"$log"); then
            echo "FAILED: $t (see $log)" >&2
            tail -n 40 "$log" >&2
            failed=$((failed + 1))
            continue
        fi
        # libFuzzer's own figures: executions per second, coverage reached.
        grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)" "$log" \
            | sed 's/^stat::/   /' | tr '\n' ' '
        echo
    done
done
echo "fuzz: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
