#!/usr/bin/env bash
# clippy -D warnings on the wasm32 library, the only build that compiles src/wasm/, the
# panic-critical boundary: the full module (`--features full`) and the form module (no feature).
# Clippy comes with rustup's toolchain only, so this uses rustup's wasm32 target, or rustup's
# rust-src with -Zbuild-std when the target is unavailable.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_wasm_lint
cd "$ROOT"
export CARGO_TARGET_DIR="$ROOT/target/wasm-clippy"
for features in "--features=full" ""; do
  env "${WASM_ENV[@]}" cargo clippy --locked --target wasm32-unknown-unknown --no-default-features \
    $features --lib "${WASM_BUILD_STD[@]}" -- -D warnings
done
