#!/usr/bin/env bash
# Fails when a wasm-bindgen-test run executed no test (e.g. browser tests silently skipped
# because a test file lacks `wasm_bindgen_test_configure!(run_in_browser)`).
# usage: check-test-count.sh LOG LABEL
set -euo pipefail
log=$1 label=$2
passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s += $1} END {print s + 0}')
if [ "$label" = browser ] && ! grep -q 'Running headless tests in Chrome' "$log"; then
  echo "check-test-count: browser: no test ran in Chrome (missing wasm_bindgen_test_configure!(run_in_browser)?)" >&2; exit 1
fi
if [ "$failed" != 0 ]; then
  echo "check-test-count: $label: $failed test(s) failed" >&2; exit 1
fi
if [ "$passed" -lt 1 ]; then
  echo "check-test-count: $label: no wasm test ran (are the tests configured for this runner?)" >&2; exit 1
fi
echo "check-test-count: $label: $passed wasm tests passed"
