# complaint-rules — the two commands a new machine needs are `make demo` and `make test`.
# Each installs what it needs (wasm toolchain, wasm-bindgen-cli, npm packages) when missing.
SHELL := /bin/bash
NOW ?= 2026-11-23T10:00:00+08:00

.PHONY: build native wasm miniprogram demo test test-native test-postgres test-clippy test-wasm test-js test-browser test-miniprogram test-fuzz-smoke fuzz eval bench clean

## build: the native binary (target/release/complaint-rules) and the npm package in pkg/.
build: native wasm

native:
	cargo build --release --locked

wasm:
	bash scripts/build-wasm.sh

## miniprogram: the WeChat mini-program package (pkg/miniprogram/dist, copied into examples/miniprogram).
miniprogram:
	bash scripts/build-miniprogram.sh

## demo: build everything, then serve the demo page and the intake backend on localhost.
DEMO_ADDR ?= 127.0.0.1:8080
demo: build
	@test -f demo-cases.key || echo "demo: no case key yet: serve generates demo-cases.key (a local key for the personal data sealed in demo-cases.sqlite; keep the two together)"
	@echo "demo: open http://$(DEMO_ADDR)/  (cases are stored in demo-cases.sqlite)"
	target/release/complaint-rules serve --addr $(DEMO_ADDR) --db demo-cases.sqlite --key-file demo-cases.key --generate-key --www www --pkg pkg

## test: every test — native cargo tests, clippy, the wasm tests under Node, the JS package tests,
## the demo page in headless Chromium against the real backend, the example mini-program in the
## emulated mini-program runtime, and a short run of every fuzz target.
test: test-native test-clippy test-wasm test-js test-browser test-miniprogram test-fuzz-smoke

test-native:
	cargo test --locked -q

## test-postgres: the store and server suites against a throwaway PostgreSQL cluster (Debian's
## postgresql package, installed when missing; scripts/postgres.sh starts it on a loopback port as
## an unprivileged user and stops it afterwards), SQLite alongside.
test-postgres:
	bash scripts/postgres.sh install
	@url=$$(bash scripts/postgres.sh start) && \
	  CR_TEST_POSTGRES_URL=$$url cargo test --locked -q --bin complaint-rules store && \
	  CR_TEST_POSTGRES_URL=$$url cargo test --locked -q --test server --test server_robustness; \
	  rc=$$?; bash scripts/postgres.sh stop; exit $$rc

test-clippy:
	cargo clippy --locked --all-targets -- -D warnings

test-wasm: wasm
	bash scripts/test-wasm.sh

test-js: wasm
	node --test tests/js/
	npx --no-install tsc --noEmit -p tests/js/tsconfig.json

## fuzz: every cargo-fuzz target (fuzz/, nightly) for FUZZ_SECONDS each, one at a time.
FUZZ_SECONDS ?= 60
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

## test-fuzz-smoke: a few seconds per fuzz target (installs cargo-fuzz when missing).
FUZZ_SMOKE_SECONDS ?= 5
test-fuzz-smoke:
	bash scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS)

## eval: the classification report on the held-out split, written to docs/eval.md.
eval:
	cargo run --release --locked --example eval

## bench: the benchmark suite (not part of test): the wasm engine against JS peers (ajv standalone,
## async-validator, json-rules-engine, a keyword matcher) in Node and Chromium, the native CLI on
## BENCH_N generated cases (default 1 000 000), sizes; prints a table and writes docs/bench.md.
bench: native wasm
	bash scripts/bench.sh

test-browser: build
	bash scripts/test-browser.sh

## test-miniprogram: the example mini-program in the emulated logic layer (normal and iOS mode)
## against the reference backend, the module's feature, export and size checks, parity with the web build.
test-miniprogram: miniprogram native wasm
	node --test tests/miniprogram/
	npx --no-install tsc --noEmit -p tests/miniprogram/tsconfig.json

clean:
	cargo clean
	rm -rf pkg/generated node_modules
