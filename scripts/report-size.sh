#!/usr/bin/env bash
# Prints the size of the built package (wasm + JS glue), raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm=pkg/treatykit_bg.wasm js=pkg/treatykit.js
[ -f "$wasm" ] || { echo "report-size: $wasm missing (run make pkg)" >&2; exit 1; }
raw=$(( $(stat -c %s "$wasm") + $(stat -c %s "$js") ))
gz=$(( $(gzip -9c "$wasm" | wc -c) + $(gzip -9c "$js" | wc -c) ))
echo "pkg size: wasm+glue ${raw} bytes raw, ${gz} bytes gzipped"
