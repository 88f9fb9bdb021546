#!/usr/bin/env bash
# Runs tests/wasm.rs on wasm32 under Node with wasm-bindgen-test-runner.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_wasm_target
ensure_wasm_bindgen
cd "$ROOT"
export CARGO_TARGET_DIR="$ROOT/target/wasm-$WASM_ROUTE"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
env "${WASM_ENV[@]}" "$WASM_CARGO" test --target wasm32-unknown-unknown --no-default-features --features full \
  "${WASM_BUILD_STD[@]}" --test wasm
