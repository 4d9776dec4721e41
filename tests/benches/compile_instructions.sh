#!/usr/bin/env bash
# Instructions the compiler executes for each crate of the compile-time
# benchmark (BENCHMARKS.md, "Compile time: derived against hand-written"):
# a count that does not depend on the machine's load, where wall times on a
# shared machine vary by a third from run to run.
#
#   tests/benches/compile_instructions.sh [out_dir]
#
# Needs valgrind. Writes the crates of `cargo run --example
# gen_compile_bench` into out_dir (default
# ${TMPDIR:-/tmp}/errbook-compile-instructions), builds their dependencies
# once, then runs `cargo check` and `cargo build` of each crate with rustc
# under `valgrind --tool=cachegrind --cache-sim=no` (only the benchmark
# crate's own rustc, not its dependencies) and prints the instruction
# counts and the ratios derived / hand-written. Incremental compilation is
# off. The proc macros run inside rustc, so the derive's own work counts.
#
# The floor crates have the same types and nothing of the errors' code; the
# last columns subtract the floor from both sides, to compare what the
# errors' code itself costs.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-${TMPDIR:-/tmp}/errbook-compile-instructions}
crates=(derived handwritten derived-parse floor composed-derived composed-handwritten composed-floor)

cargo run -q --manifest-path "$root/Cargo.toml" --example gen_compile_bench -- "$out"
mkdir -p "$out/counts"
export CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$out/target"

# A rustc wrapper that counts the benchmark crate's compilation only.
wrapper="$out/count-rustc.sh"
cat >"$wrapper" <<'WRAP'
#!/usr/bin/env bash
rustc=$1
shift
if [[ " $* " == *" --crate-name bench_"* ]]; then
  exec valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$rustc" "$@" 2>>"$ERRBOOK_COUNT_LOG"
fi
exec "$rustc" "$@"
WRAP
chmod +x "$wrapper"

echo "building the dependencies"
for crate in "${crates[@]}"; do
  cargo check -q --manifest-path "$out/$crate/Cargo.toml"
  cargo build -q --manifest-path "$out/$crate/Cargo.toml"
done

count() {
  local command=$1 crate=$2 log="$out/counts/$2.$1.log"
  : >"$log"
  touch "$out/$crate/src/lib.rs"
  ERRBOOK_COUNT_LOG=$log RUSTC_WRAPPER=$wrapper \
    cargo "$command" -q --manifest-path "$out/$crate/Cargo.toml"
  grep -o 'I *refs: *[0-9,]*' "$log" | tail -n1 | tr -d ', ' | sed 's/Irefs://'
}

echo "rustc: $(rustc --version); incremental off"
printf '%-44s %-6s %14s %14s %7s %14s %9s\n' comparison command derived hand ratio floor "over it"
declare -A counts
for crate in "${crates[@]}"; do
  for command in check build; do
    counts[$crate.$command]=$(count "$command" "$crate")
  done
done
for pair in "derived handwritten floor" "derived-parse handwritten floor" \
  "composed-derived composed-handwritten composed-floor"; do
  read -r derived hand floor <<<"$pair"
  for command in check build; do
    d=${counts[$derived.$command]}
    h=${counts[$hand.$command]}
    f=${counts[$floor.$command]}
    printf '%-44s %-6s %14s %14s %6.2fx %14s %8.2fx\n' "$derived / $hand" "$command" "$d" "$h" \
      "$(awk -v d="$d" -v h="$h" 'BEGIN { print d / h }')" "$f" \
      "$(awk -v d="$d" -v h="$h" -v f="$f" 'BEGIN { print (d - f) / (h - f) }')"
  done
done
