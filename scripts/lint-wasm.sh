#!/usr/bin/env bash
# clippy -D warnings on the wasm32 library (`--no-default-features`), the only build that compiles
# src/wasm.rs, the panic-critical boundary. Clippy comes with rustup's toolchain only, so this uses
# rustup's wasm32 target, or rustup's rust-src with -Zbuild-std when the target is unavailable.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_wasm_lint
cd "$ROOT"
export CARGO_TARGET_DIR="$ROOT/target/wasm-clippy"
env "${WASM_ENV[@]}" cargo clippy --locked --target wasm32-unknown-unknown --no-default-features \
  --lib "${WASM_BUILD_STD[@]}" -- -D warnings
