#!/usr/bin/env bash
# Instructions per decode of the decode benchmark's bodies, derived and
# hand-written, counted by callgrind (BENCHMARKS.md, "Decoding every
# built-in format"): a measure the machine's load does not move.
#
#   tests/benches/decode_instructions.sh [bench_binary]
#
# Without an argument, builds the benchmark (`cargo bench --no-run`) and
# uses it; give the binary of another build to count that one. For each
# case of the benchmark and each side, runs the binary under
# `valgrind --tool=callgrind` twice, with DECODE_BENCH_CALLS at CALLS and at
# 11 times CALLS (default 200), and prints the difference over 10 * CALLS:
# the instructions of one decode, without the program's start-up. Needs
# valgrind.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
calls=${CALLS:-200}
bin=${1:-}
if [[ -z $bin ]]; then
  bin=$(cargo bench -q --manifest-path "$root/Cargo.toml" -p errbook-tests --bench decode \
    --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
fi

# Instructions of `n` calls of `side` on the cases matching `case`.
count() {
  DECODE_BENCH_SIDE=$1 DECODE_BENCH_CALLS=$2 valgrind --tool=callgrind \
    --callgrind-out-file=/dev/null "$bin" "$3" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

cases=(
  "nested FORBIDDEN" "nested USER_NOT_FOUND" "nested RATE_LIMITED" "nested unknown"
  "problem FORBIDDEN" "problem RFC 9457 out-of-credit" "problem RFC 9457 validation"
  "matrix FORBIDDEN" "matrix USER_NOT_FOUND" "matrix unknown"
  "detail GONE" "detail FastAPI" "detail Starlette"
  "google FORBIDDEN" "google USER_NOT_FOUND" "google no ErrorInfo"
)
printf '%-34s %9s %9s %7s\n' case derived hand ratio
for case in "${cases[@]}"; do
  per_call() {
    local few many
    few=$(count "$1" "$calls" "$case")
    many=$(count "$1" $((11 * calls)) "$case")
    echo $(((many - few) / (10 * calls)))
  }
  ours=$(per_call derived)
  hand=$(per_call hand)
  printf '%-34s %9d %9d %6s×\n' "$case" "$ours" "$hand" \
    "$(awk -v a="$ours" -v b="$hand" 'BEGIN { printf "%.2f", a / b }')"
done
