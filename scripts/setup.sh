#!/usr/bin/env bash
# `make setup`: every install step the other targets need, idempotent (each checks what is there
# first) and bounded in time (see the limits in scripts/toolchain.sh).
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$ROOT"
start=$(date +%s)
step() {
  local t0=$(date +%s)
  "$@"
  log "$1 done in $(($(date +%s) - t0)) s"
}
install_postgres() { bash "$ROOT/scripts/postgres.sh" install; }
step ensure_wasm_target      # the web module and the wasm tests
step ensure_wasm_build_std   # the mini-program module (std rebuilt)
step ensure_wasm_lint        # clippy for wasm32
step ensure_wasm_bindgen
step ensure_npm
step ensure_chromium
step ensure_nightly          # cargo-fuzz's libFuzzer instrumentation
step ensure_cargo_fuzz
step install_postgres        # Debian's postgresql: the server suites on PostgreSQL (make test-postgres)
log "setup complete in $(($(date +%s) - start)) s"
