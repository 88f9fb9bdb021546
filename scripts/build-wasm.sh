#!/usr/bin/env bash
# Builds the web module into pkg/generated: cargo (wasm32) → wasm-bindgen (--target web) →
# wasm-opt -Oz, then prints the module size raw / gzip / brotli.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm
cd "$ROOT"

export CARGO_TARGET_DIR="$ROOT/target/wasm-$WASM_ROUTE"
env "${WASM_ENV[@]}" "$WASM_CARGO" build -q --lib --profile release-wasm --target wasm32-unknown-unknown \
  --no-default-features "${WASM_BUILD_STD[@]}"

raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release-wasm/complaint_rules.wasm"
out="$ROOT/pkg/generated"
rm -rf "$out"; mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" --out-name complaint_rules "$raw"
npx --no-install wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-multivalue --enable-sign-ext --enable-mutable-globals \
  "$out/complaint_rules_bg.wasm" -o "$out/complaint_rules_bg.wasm"
node "$ROOT/scripts/sizes.mjs" "$out/complaint_rules_bg.wasm"
