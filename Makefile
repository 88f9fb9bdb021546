# complaint-rules — the two commands a new machine needs are `make demo` and `make test`.
#
# Tiers:
#   make setup  every install step (wasm toolchain + rust-src or Debian's rustc-web, wasm-bindgen-cli,
#               npm ci, Chromium, rustup nightly, cargo-fuzz); idempotent, each step time-bounded.
#   make check  the fast inner loop: rustfmt check, clippy -D warnings for the host and for wasm32
#               (src/wasm.rs), the fuzz targets compile, cargo test, the Node package tests and tsc. Installs nothing: a
#               missing tool stops it with "run make setup".
#   make test   everything: setup, check, the store and server suites on PostgreSQL too, the wasm
#               tests under Node, the demo page in Chromium, the mini-program in its emulated
#               runtime, a short run of every fuzz target. `.ci/run`.
SHELL := /bin/bash
NOW ?= 2026-11-23T10:00:00+08:00

# The server binary the browser and mini-program tests run: $(CR_SERVER_BIN) when given, else a
# build in the non-LTO `fast` profile (release builds keep fat LTO; the tests need not wait on it).
SERVER_PROFILE ?= fast
CR_SERVER_BIN ?= $(CURDIR)/target/$(SERVER_PROFILE)/complaint-rules

# The four panic lints are denied in Cargo.toml's [lints] for the library and the binary; tests,
# benches and examples are linted with them allowed (a panic there is a failing test, not input).
TEST_LINT_ALLOW := -A clippy::unwrap_used -A clippy::expect_used -A clippy::panic -A clippy::indexing_slicing

.PHONY: setup check test build native wasm miniprogram server-bin demo \
	fmt-check lint lint-wasm lint-fuzz test-native test-clippy test-wasm test-js test-browser \
	test-miniprogram test-fuzz-smoke test-postgres fuzz eval train bench bench-quick clean

## setup: install everything the other targets use.
setup:
	bash scripts/setup.sh

## check: minutes on a warm tree; installs nothing.
check: export CR_NO_INSTALL = 1
check: fmt-check lint test-native test-js

## test: every test.
test: setup check test-postgres test-wasm test-browser test-miniprogram test-fuzz-smoke

## build: the native binary (target/release/complaint-rules) and the npm package in pkg/.
build: native wasm

native:
	cargo build --release --locked

wasm:
	bash scripts/build-wasm.sh

## miniprogram: the WeChat mini-program package (pkg/miniprogram/dist, copied into examples/miniprogram).
miniprogram:
	bash scripts/build-miniprogram.sh

server-bin:
ifeq ($(origin CR_SERVER_BIN),file)
	cargo build --locked --profile $(SERVER_PROFILE) --bin complaint-rules
else
	@test -x "$(CR_SERVER_BIN)" || { echo "CR_SERVER_BIN=$(CR_SERVER_BIN) is not an executable"; exit 1; }
endif

## demo: build everything, then serve the demo page and the intake backend on localhost.
DEMO_ADDR ?= 127.0.0.1:8080
demo: build
	@test -f demo-cases.key || echo "demo: no case key yet: serve generates demo-cases.key (a local key for the personal data sealed in demo-cases.sqlite; keep the two together)"
	@echo "demo: open http://$(DEMO_ADDR)/  (cases are stored in demo-cases.sqlite)"
	target/release/complaint-rules serve --addr $(DEMO_ADDR) --db demo-cases.sqlite --key-file demo-cases.key --generate-key --www www --pkg pkg

fmt-check:
	cargo fmt --all --check
	cd fuzz && cargo fmt --all --check

## lint: clippy -D warnings on every target, host and wasm32; the fuzz targets compile.
lint: test-clippy lint-wasm lint-fuzz

test-clippy:
	cargo clippy --locked --lib --bins -- -D warnings
	cargo clippy --locked --tests --benches --examples -- -D warnings $(TEST_LINT_ALLOW)

## lint-wasm: the wasm32 library (src/wasm.rs is compiled only there).
lint-wasm:
	bash scripts/lint-wasm.sh

## lint-fuzz: the fuzz targets (fuzz/, built for fuzzing only by cargo-fuzz on nightly) still compile
## against the library's API; a stable `cargo check` catches a changed signature in seconds.
lint-fuzz:
	cd fuzz && cargo check --bins -q

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

test-wasm: wasm
	bash scripts/test-wasm.sh

test-js: wasm
	node --test tests/js/
	npx --no-install tsc --noEmit -p tests/js/tsconfig.json

test-browser: wasm server-bin
	CR_SERVER_BIN=$(CR_SERVER_BIN) bash scripts/test-browser.sh

## test-miniprogram: the example mini-program in the emulated logic layer (normal and iOS mode)
## against the reference backend, the module's feature, export and size checks, parity with the web build.
test-miniprogram: miniprogram wasm server-bin
	CR_SERVER_BIN=$(CR_SERVER_BIN) node --test tests/miniprogram/
	npx --no-install tsc --noEmit -p tests/miniprogram/tsconfig.json

## fuzz: every cargo-fuzz target (fuzz/, nightly) for FUZZ_SECONDS each, one at a time.
FUZZ_SECONDS ?= 60
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

## test-fuzz-smoke: a few seconds per fuzz target.
FUZZ_SMOKE_SECONDS ?= 5
test-fuzz-smoke:
	bash scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS)

## eval: the classification report, held out by writer and by style, written to docs/eval.md.
## (The bench profile: no fat LTO, so it builds in minutes; the figures are accuracies.)
eval:
	cargo run --profile bench --locked --example eval

## train: retrains the learned category model of each pack from tests/eval/complaints.jsonl and
## data/complaints/*/*.jsonl into packs/<pack>/model.json (deterministic: same data, same bytes).
train:
	cargo run --profile bench --locked --example train

## bench: the benchmark suite (not part of test): the wasm engine against JS peers (ajv standalone,
## async-validator, json-rules-engine, a keyword matcher) in Node and Chromium, the native CLI on
## BENCH_N generated cases (default 1 000 000), sizes; prints a table and writes docs/bench.md.
bench: native wasm
	bash scripts/bench.sh

## bench-quick: the engine alone from Node in a minute (per-call medians, keystroke, cold start;
## no peers): for comparing two builds of the module; `make bench` is the benchmark of record.
bench-quick: wasm
	node bench/quick.mjs

## clean: every generated folder (build output, npm packages, fuzz and bench output).
clean:
	cargo clean
	rm -rf pkg/generated pkg/miniprogram/dist pkg/miniprogram/generated bench/generated \
		examples/miniprogram/miniprogram_npm node_modules fuzz/target fuzz/corpus fuzz/logs
