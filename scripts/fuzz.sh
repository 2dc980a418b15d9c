#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ (nightly toolchain, cargo-fuzz from `scripts/setup.sh --fuzz`).
#
#   scripts/fuzz.sh smoke [TARGET...]        # 30 s per target (make fuzz-smoke)
#   scripts/fuzz.sh runs N [TARGET...]       # N executions per target (guarded by FUZZ_MAX_TIME, default 4 h)
#
# One target at a time (the machine has 2 cores). Each run's libFuzzer output goes to
# target/fuzz-logs/TARGET.log; the last line per target ("Done N runs in S second(s)") is echoed.
# FUZZ_SANITIZER (default none): the core forbids unsafe code, so AddressSanitizer finds nothing
# the compiler has not ruled out and only halves the executions per second; set it to address to
# run with it anyway.
# A crash stops the script with libFuzzer's exit status and leaves the input in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ALL=(corpus_decode query_search filters from_records corpus_toml)
mode=${1:-smoke}; shift || true
case "$mode" in
  smoke) limit=(-max_total_time="${FUZZ_SMOKE_SECONDS:-30}") ;;
  runs) n=${1:?runs needs a count}; shift; limit=(-runs="$n" -max_total_time="${FUZZ_MAX_TIME:-14400}") ;;
  *) echo "usage: $0 smoke|runs N [TARGET...]" >&2; exit 2 ;;
esac
targets=("$@"); ((${#targets[@]})) || targets=("${ALL[@]}")
mkdir -p target/fuzz-logs
# A fuzzer left over from an interrupted run would write into the same logs and share the CPU.
if pgrep -f "release/($(IFS='|'; echo "${ALL[*]}")) " >/dev/null; then
  echo "fuzz: a fuzz target is still running (pgrep -af release/); stop it first" >&2
  exit 1
fi
SAN=${FUZZ_SANITIZER:-none}
(cd fuzz && cargo +nightly fuzz build -O -s "$SAN")
# Seed inputs (read-only extra corpus folders) that start a target deep in its input space.
seeds() {
  case "$1" in
    corpus_toml) echo "$ROOT/core/tests/fixtures/mini $ROOT/tests/fixtures/hostile" ;;
  esac
}
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log="target/fuzz-logs/$t.log"
  start=$(date +%s)
  # -timeout: an input taking over 10 s is a hang and fails the run; -rss_limit_mb: a leak or an
  # unbounded allocation fails it too.
  if ! (cd fuzz && cargo +nightly fuzz run -O -s "$SAN" "$t" "corpus/$t" $(seeds "$t") -- "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1; then
    echo "fuzz: $t FAILED after $(( $(date +%s) - start )) s; see $log and fuzz/artifacts/$t/" >&2
    tail -30 "$log" >&2
    exit 1
  fi
  # -a: libFuzzer's log can hold bytes of the inputs it prints.
  echo "fuzz: $t: $(grep -a -E '^Done [0-9]+ runs' "$log" | tail -1) (wall $(( $(date +%s) - start )) s)"
done
