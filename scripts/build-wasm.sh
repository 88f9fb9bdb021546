#!/usr/bin/env bash
# Builds the two web modules: cargo (wasm32) → wasm-bindgen (--target web) → wasm-opt -Oz, then
# prints each module's size raw / gzip / brotli.
#   pkg/generated/       the full module (feature `full`: classification, deadlines, preview, …),
#                        profile release-wasm-full (opt-level 3: loaded on demand, speed first)
#   pkg/generated/form/  the form module (validate, mask, session), loaded first by a form page,
#                        profile release-wasm (opt-level "z": the first download, size first)
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm
cd "$ROOT"

# build <target dir> <output dir> <cargo profile> <cargo feature args...>
build() {
  local target="$1" out="$2" profile="$3"
  shift 3
  CARGO_TARGET_DIR="$target" env "${WASM_ENV[@]}" "$WASM_CARGO" build -q --lib --profile "$profile" \
    --target wasm32-unknown-unknown --no-default-features "$@" "${WASM_BUILD_STD[@]}"
  local raw="$target/wasm32-unknown-unknown/$profile/complaint_rules.wasm"
  rm -rf "$out"; mkdir -p "$out"
  wasm-bindgen --target web --out-dir "$out" --out-name complaint_rules "$raw"
  npx --no-install wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-multivalue --enable-sign-ext --enable-mutable-globals \
    "$out/complaint_rules_bg.wasm" -o "$out/complaint_rules_bg.wasm"
}

rm -rf "$ROOT/pkg/generated"
build "$ROOT/target/wasm-$WASM_ROUTE" "$ROOT/pkg/generated" release-wasm-full --features full
build "$ROOT/target/wasm-form-$WASM_ROUTE" "$ROOT/pkg/generated/form" release-wasm
echo "full module:"; node "$ROOT/scripts/sizes.mjs" "$ROOT/pkg/generated/complaint_rules_bg.wasm"
echo "form module:"; node "$ROOT/scripts/sizes.mjs" "$ROOT/pkg/generated/form/complaint_rules_bg.wasm"
