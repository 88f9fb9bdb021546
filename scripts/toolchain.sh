#!/usr/bin/env bash
# Finds or installs what the wasm build needs, without ever hanging on an unreachable download.
# Sourced by scripts/build-wasm.sh and scripts/test-wasm.sh; exports WASM_CARGO, WASM_ENV and
# WASM_BUILD_STD for them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO=sudo

log() { echo "[toolchain] $*" >&2; }

# The wasm-bindgen version pinned in Cargo.toml (`=X.Y.Z`) — the CLI must match it exactly.
wasm_bindgen_version() {
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$ROOT/Cargo.toml"
}

apt_install() {
  log "apt-get install $*"
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# Sets WASM_CARGO / WASM_ENV / WASM_BUILD_STD: rustup's target when it exists (or can be added
# within 20 s), else Debian's rustc-web with -Zbuild-std.
ensure_wasm_target() {
  local sysroot
  sysroot=$(rustc --print sysroot 2>/dev/null || true)
  if [ -n "$sysroot" ] && [ ! -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ] && [ -z "${CR_NO_RUSTUP_TARGET:-}" ] \
     && [ ! -x /usr/bin/rustc ] && command -v rustup >/dev/null; then
    log "trying rustup target add (20 s limit)"
    timeout 20 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || log "rustup target unavailable"
  fi
  if [ -n "$sysroot" ] && [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ]; then
    WASM_CARGO=cargo; WASM_ENV=(); WASM_BUILD_STD=()
    return
  fi
  if [ ! -x /usr/bin/rustc ] || [ ! -d /usr/lib/rustlib/src/rust/library ] || [ ! -x /usr/lib/llvm-22/bin/wasm-ld ]; then
    apt_install rustc-web cargo-web rust-web-src lld-22
  fi
  WASM_CARGO=/usr/bin/cargo
  WASM_ENV=(RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
            CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld)
  WASM_BUILD_STD=(-Zbuild-std=std,panic_abort)
}

# Installs wasm-bindgen-cli at the pinned version unless it is already there.
ensure_wasm_bindgen() {
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    log "installing wasm-bindgen-cli $want (about 3 minutes, once)"
    cargo install -q wasm-bindgen-cli --version "$want" >&2
  fi
}

# Installs the repository's npm dev tools (binaryen's wasm-opt, typescript, ajv, …) when missing.
ensure_npm() {
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

# Debian's Chromium for the browser tests (playwright-core drives it; no browser download), and a
# CJK font so the screenshots show Chinese rather than empty boxes.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    apt_install chromium fonts-wqy-microhei
  fi
}
