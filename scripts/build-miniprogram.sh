#!/usr/bin/env bash
# Builds the WeChat mini-program packages: the full one into pkg/miniprogram/dist (copied into the
# example at examples/miniprogram/miniprogram_npm/complaint-rules) and the form one (validate, mask,
# session; the same loadEngine API) into pkg/miniprogram/dist-form:
#   cargo (wasm32, std rebuilt, no reference-types / multivalue) → strip `target_features` →
#   wasm-bindgen --target web → remove exported globals → wasm-opt -Oz (MVP + the few features
#   allowed) → engine.wasm + engine.wasm.br; the glue made mini-program-safe and bundled with the
#   adapter and the shell into one CommonJS index.js. Prints the sizes.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
# std must be rebuilt without the features too: a prebuilt std (rustup) is compiled with them.
ensure_wasm_build_std
cd "$ROOT"

# variant <target dir> <dist> <cargo profile> <cargo feature args...>: one module, packed into <dist>.
variant() {
  local target="$1" dist="$2" profile="$3"
  shift 3
  CARGO_TARGET_DIR="$target" env "${WASM_ENV[@]}" RUSTFLAGS="-C target-feature=-reference-types,-multivalue" \
    "$WASM_CARGO" build -q --lib --profile "$profile" --target wasm32-unknown-unknown \
    --no-default-features "$@" "${WASM_BUILD_STD[@]}"
  local raw="$target/wasm32-unknown-unknown/$profile/complaint_rules.wasm"
  rm -rf "$gen" "$dist"; mkdir -p "$gen" "$dist"
  cp "$raw" "$gen/input.wasm"
  node scripts/miniprogram/strip-section.mjs "$gen/input.wasm" target_features
  wasm-bindgen --target web --out-dir "$gen" --out-name complaint_rules "$gen/input.wasm"
  rm "$gen/input.wasm"
  # Kept for the tests: the module as wasm-bindgen left it, exported globals and all (iOS rejects it).
  cp "$gen/complaint_rules_bg.wasm" "$gen/with-exported-globals.wasm"
  node scripts/miniprogram/remove-global-exports.mjs "$gen/complaint_rules_bg.wasm"
  npx --no-install wasm-opt -Oz --strip-debug --strip-producers --mvp-features --enable-bulk-memory \
    --enable-bulk-memory-opt --enable-call-indirect-overlong --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals \
    "$gen/complaint_rules_bg.wasm" -o "$dist/engine.wasm"
  node scripts/miniprogram/package.mjs "$gen" "$dist"
  node "$ROOT/scripts/sizes.mjs" "$dist/engine.wasm" "$dist/index.js"
  node scripts/miniprogram/package.mjs --report "$dist"
}

gen="$ROOT/pkg/miniprogram/generated"
ensure_wasm_bindgen
ensure_npm
# The form package first (validate, mask, session: pkg/miniprogram/dist-form), then the full one,
# whose glue stays in generated/ for the tests.
variant "$ROOT/target/wasm-mp-form-$WASM_ROUTE" "$ROOT/pkg/miniprogram/dist-form" release-wasm
variant "$ROOT/target/wasm-mp-$WASM_ROUTE" "$ROOT/pkg/miniprogram/dist" release-wasm-full --features full

example="$ROOT/examples/miniprogram/miniprogram_npm/complaint-rules"
rm -rf "$example"; mkdir -p "$example"
cp -r "$ROOT/pkg/miniprogram/dist/." "$example/"
