#!/usr/bin/env bash
# Prints the size of the built package (wasm + JS glue + the modules the glue imports from
# snippets/), raw and gzipped (each file on its own, as a server sends them).
set -euo pipefail
cd "$(dirname "$0")/.."
wasm=pkg/treatykit_bg.wasm js=pkg/treatykit.js
[ -f "$wasm" ] || { echo "report-size: $wasm missing (run make pkg)" >&2; exit 1; }
files=("$wasm" "$js")
while IFS= read -r f; do files+=("pkg/$f"); done < <(grep -oE "from ['\"]\./snippets/[^'\"]+['\"]" "$js" | sed -E "s/^from ['\"]\.\/(.*)['\"]$/\1/" | sort -u)
raw=0 gz=0
for f in "${files[@]}"; do
  raw=$(( raw + $(stat -c %s "$f") ))
  gz=$(( gz + $(gzip -9c "$f" | wc -c) ))
done
echo "pkg size: wasm+glue ${raw} bytes raw, ${gz} bytes gzipped (${#files[@]} files)"
