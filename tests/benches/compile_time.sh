#!/usr/bin/env bash
# Compile time of derived error enums against the hand-written code that
# gives the same codes, statuses, messages and bodies (BENCHMARKS.md,
# "Compile time: derived against hand-written").
#
#   tests/benches/compile_time.sh [out_dir]
#
# Environment: RUNS (runs of each command per crate, default 7), VARIANTS
# (variants of the large enum, default 1000), VERIFY=0 to skip the test that
# the derived and hand-written crates give the same responses.
#
# Writes the crates of `cargo run --example gen_compile_bench` into out_dir
# (default ${TMPDIR:-/tmp}/errbook-compile-bench), builds their dependencies
# once into a shared target directory (and tests that the derived and
# hand-written crates give the same responses), then, RUNS times, for each
# crate in turn (so that the crates compared alternate): `touch src/lib.rs
# && cargo check -q`, and the same with `cargo build -q`, each timed as wall
# time with `date`. Incremental compilation is off. Prints the median of
# each, the ratios derived / hand-written of the medians and the median of
# each run's ratio; the times are kept in out_dir/times.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-${TMPDIR:-/tmp}/errbook-compile-bench}
runs=${RUNS:-7}
variants=${VARIANTS:-1000}
crates=(derived handwritten derived-parse composed-derived composed-handwritten)

cargo run -q --manifest-path "$root/Cargo.toml" --example gen_compile_bench -- \
  "$out" --variants "$variants"
mkdir -p "$out/times"
rm -f "$out"/times/*

export CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$out/target"

# Build the dependencies once, for `cargo check` and for `cargo build`
# (the `verify` test builds every crate, and checks that each derived crate
# gives the same responses as its hand-written counterpart).
echo "building the dependencies"
cargo check -q --manifest-path "$out/composed-handwritten/Cargo.toml"
if [ "${VERIFY:-1}" != 0 ]; then
  cargo test -q --manifest-path "$out/verify/Cargo.toml" >/dev/null
else
  cargo build -q --manifest-path "$out/composed-handwritten/Cargo.toml"
fi

# The wall time of `cargo $1` of crate $2 after touching its source, appended
# to $out/times/$2.$1.
measure() {
  local command=$1 crate=$2 start end
  touch "$out/$crate/src/lib.rs"
  start=$(date +%s.%N)
  cargo "$command" -q --manifest-path "$out/$crate/Cargo.toml"
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }' >>"$out/times/$crate.$command"
}

for run in $(seq "$runs"); do
  printf 'run %s/%s\r' "$run" "$runs"
  for command in check build; do
    for crate in "${crates[@]}"; do
      measure "$command" "$crate"
    done
  done
done
echo

# The median of the numbers on standard input, one a line.
median_of() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

median() {
  median_of <"$out/times/$1.$2"
}

echo "rustc: $(rustc --version); cores: $(nproc); runs: $runs; incremental off"
echo
printf '%-22s %-6s %9s %9s %9s\n' crate command median min max
for crate in "${crates[@]}"; do
  for command in check build; do
    sorted=$(sort -n "$out/times/$crate.$command")
    printf '%-22s %-6s %8.2fs %8.2fs %8.2fs\n' "$crate" "$command" \
      "$(median "$crate" "$command")" "$(head -n1 <<<"$sorted")" "$(tail -n1 <<<"$sorted")"
  done
done
echo
# The ratio of the medians, and the median of the ratios of each run's two
# figures (taken one after the other, so that a change in the machine's load
# falls on both).
printf '%-44s %-6s %9s %9s %7s %11s\n' comparison command derived hand ratio 'run ratios'
for pair in "derived handwritten" "derived-parse handwritten" "composed-derived composed-handwritten"; do
  read -r derived hand <<<"$pair"
  for command in check build; do
    d=$(median "$derived" "$command")
    h=$(median "$hand" "$command")
    paired=$(paste "$out/times/$derived.$command" "$out/times/$hand.$command" |
      awk '{ print $1 / $2 }' | median_of)
    printf '%-44s %-6s %8.2fs %8.2fs %6.2fx %10.2fx\n' "$derived / $hand" "$command" "$d" "$h" \
      "$(awk -v d="$d" -v h="$h" 'BEGIN { print d / h }')" "$paired"
  done
done
