# treatykit — every entry point. `make serve` runs the app, `make test` runs every test.
# Both install what they need first (scripts/setup.sh) and fail loudly when they can't.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
# npm's binaryen (wasm-opt 132) first on PATH: wasm-pack runs the first wasm-opt it finds.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
WASM_PACK := wasm-pack --log-level warn
.PHONY: pkg-test setup setup-test pkg serve test lint unit wasm-node wasm-browser e2e corpus-check bench fuzz-smoke clean

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

## pkg: build the release npm package into pkg/ (wasm-pack --target web; never downloads),
## then add the widget, the exports map and the types (scripts/finish-pkg.mjs).
pkg: setup
	$(WASM_PACK) build --mode no-install --release --target web --out-dir pkg
	node scripts/finish-pkg.mjs
	@scripts/report-size.sh

## serve: build pkg/ and serve the repository at http://127.0.0.1:$(PORT)/www/
serve: pkg
	node scripts/serve.mjs --port $(PORT)

## corpus-check: validate corpus/ and print what it holds.
corpus-check:
	cargo run -q -p treatykit-core --features authoring --example corpus_check -- corpus

## test: every check; exits non-zero on any failure.
test: setup-test lint unit wasm-node wasm-browser e2e
	@echo "make test: all checks passed"

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

unit:
	cargo test --workspace

wasm-node:
	$(WASM_PACK) test --mode no-install --node 2>&1 | tee target/wasm-node.log
	@scripts/check-test-count.sh target/wasm-node.log node

## wasm-browser: the wasm tests in headless Chromium: what `wasm-pack test --headless --chrome` runs,
## with scripts/wasm-browser-runner.mjs as cargo's runner. It puts a one-request-per-connection proxy
## between Chromium and wasm-bindgen-test-runner's HTTP server, which can stall on a busy machine, and
## repeats a run whose test page never reported (never a failing one). Raised limits: chromedriver may
## take 60 s to start and the tests 120 s to finish on a slow machine.
wasm-browser: setup-test
	WASM_BINDGEN_TEST_ONLY_WEB=1 WASM_BINDGEN_TEST_TIMEOUT=120 WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 \
	  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(CURDIR)/scripts/wasm-browser-runner.mjs \
	  cargo test --target wasm32-unknown-unknown 2>&1 | tee target/wasm-browser.log
	@scripts/check-test-count.sh target/wasm-browser.log browser

e2e: pkg pkg-test
	node --test tests/e2e/

## pkg-test: a test-only debug package over the hostile fixture corpus (tests/fixtures/hostile), with the
## test-only exports of feature test-hooks; used by tests/e2e/hostile.test.mjs and safe.test.mjs.
pkg-test: setup
	TREATYKIT_CORPUS_DIR=$(CURDIR)/tests/fixtures/hostile \
	  $(WASM_PACK) build --mode no-install --dev --target web --out-dir target/pkg-test -- --features test-hooks

## fuzz-smoke: each cargo-fuzz target for 30 s (nightly + cargo-fuzz; not part of `make test`). See FUZZING.md.
fuzz-smoke:
	@scripts/setup.sh --fuzz
	scripts/fuzz.sh smoke

## bench: treatykit vs MiniSearch, FlexSearch, Fuse.js and Orama on the UDHR corpus, the embedded
## corpus, the package size and the first answer in Chromium; writes BENCHMARKS.md. Reports, never
## fails on a number; not part of `make test`. Takes 7-14 min on the shared 2-core machine (Fuse.js
## alone 3-6 min). BENCH_ARGS=--quick: a smoke run that prints without writing (options: bench/run.mjs).
bench: setup-test pkg
	node --test bench/
	node --expose-gc bench/run.mjs $(BENCH_ARGS)

clean:
	cargo clean
	rm -rf pkg artifacts
