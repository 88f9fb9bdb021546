#!/usr/bin/env bash
# Finds or installs what the builds and tests need, each step bounded in time and checked by what it
# produced — never by what a previous run may have left on the machine. Sourced by the build and
# test scripts and by scripts/setup.sh.
#
# Routes for wasm32 (see ../shared/notes/toolchain.md):
#   rustup  — rustup's wasm32 target (prebuilt std); when std must be rebuilt (-Zbuild-std, the
#             mini-program build), rustup's `rust-src` component with RUSTC_BOOTSTRAP=1.
#   debian  — Debian's rustc-web + rust-web-src + lld-22, always with -Zbuild-std.
# CR_WASM_ROUTE=rustup|debian forces one route (both must work); unset, rustup is tried first.
# CR_NO_INSTALL=1 (set by `make check`) turns every install into an error that says to run
# `make setup`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

# Time limits (seconds) for the steps that download.
: "${CR_RUSTUP_TIMEOUT:=60}" "${CR_APT_TIMEOUT:=900}" "${CR_INSTALL_TIMEOUT:=1200}"

DEBIAN_LIBRARY=/usr/lib/rustlib/src/rust/library
DEBIAN_WASM_LD=/usr/lib/llvm-22/bin/wasm-ld

log() { echo "[toolchain] $*" >&2; }
die() {
  echo "[toolchain] error: $*" >&2
  exit 1
}

# Refuses to install under `make check`: the fast tier installs nothing `make setup` has not.
may_install() {
  if [ -n "${CR_NO_INSTALL:-}" ]; then die "$1 is missing: run \`make setup\` first"; fi
}

# The wasm-bindgen version pinned in Cargo.toml (`=X.Y.Z`) — the CLI must match it exactly.
wasm_bindgen_version() {
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$ROOT/Cargo.toml"
}

apt_install() {
  may_install "$*"
  log "apt-get install $* (${CR_APT_TIMEOUT} s limit)"
  timeout "$CR_APT_TIMEOUT" $SUDO apt-get update -qq >/dev/null 2>&1 || log "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive timeout "$CR_APT_TIMEOUT" $SUDO apt-get install -y -qq "$@" >/dev/null
}

rustup_sysroot() { rustc --print sysroot 2>/dev/null || true; }

# True when rustup's toolchain has a prebuilt wasm32 std.
rustup_has_wasm_std() {
  local sysroot
  sysroot=$(rustup_sysroot)
  [ -n "$sysroot" ] && [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ]
}

# True when rustup's toolchain has the standard library's source (for -Zbuild-std).
rustup_has_rust_src() {
  local sysroot
  sysroot=$(rustup_sysroot)
  [ -n "$sysroot" ] && [ -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ]
}

debian_ready() {
  [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && [ -f "$DEBIAN_LIBRARY/Cargo.lock" ] \
    && [ -x "$DEBIAN_WASM_LD" ]
}

# Adds a rustup component or target within the time limit; the caller checks the result.
rustup_add() {
  command -v rustup >/dev/null || return 1
  may_install "rustup $*"
  log "rustup $* (${CR_RUSTUP_TIMEOUT} s limit)"
  timeout "$CR_RUSTUP_TIMEOUT" rustup "$@" >/dev/null 2>&1 || log "rustup $* did not finish"
}

# The rustup route with a prebuilt wasm32 std, adding the target when it is missing.
try_rustup_target() {
  [ "${CR_WASM_ROUTE:-}" = debian ] && return 1
  rustup_has_wasm_std || rustup_add target add wasm32-unknown-unknown || true
  rustup_has_wasm_std
}

# The rustup route able to rebuild std: rust-src (no prebuilt wasm32 std is needed then; rustc
# and its rust-lld target wasm32 themselves).
try_rustup_build_std() {
  [ "${CR_WASM_ROUTE:-}" = debian ] && return 1
  command -v rustup >/dev/null || return 1
  rustup_has_rust_src || rustup_add component add rust-src || true
  rustup_has_rust_src
}

use_rustup() {
  WASM_CARGO=cargo
  WASM_ENV=()
  WASM_BUILD_STD=()
  WASM_ROUTE=rustup
  if [ "${1:-}" = build-std ]; then
    WASM_ENV=(RUSTC_BOOTSTRAP=1)
    WASM_BUILD_STD=(-Zbuild-std=std,panic_abort)
  fi
}

use_debian() {
  [ "${CR_WASM_ROUTE:-}" = rustup ] && die "CR_WASM_ROUTE=rustup, but rustup's wasm32 target or rust-src could not be had"
  debian_ready || apt_install rustc-web cargo-web rust-web-src lld-22
  debian_ready || die "Debian's rustc-web / rust-web-src / lld-22 are not complete (looked for $DEBIAN_LIBRARY/Cargo.lock and $DEBIAN_WASM_LD)"
  WASM_CARGO=/usr/bin/cargo
  WASM_ENV=(RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$DEBIAN_WASM_LD")
  WASM_BUILD_STD=(-Zbuild-std=std,panic_abort)
  WASM_ROUTE=debian
}

# Sets WASM_CARGO / WASM_ENV / WASM_BUILD_STD / WASM_ROUTE for a wasm32 build that may use a
# prebuilt std (the web module, the wasm tests).
ensure_wasm_target() {
  if try_rustup_target; then use_rustup; else use_debian; fi
  log "wasm32 route: $WASM_ROUTE"
}

# The same for a build that rebuilds std (the mini-program module, built without reference types
# and multi-value): rustup's target + rust-src, else Debian's route.
ensure_wasm_build_std() {
  if try_rustup_build_std; then use_rustup build-std; else use_debian; fi
  log "wasm32 build-std route: $WASM_ROUTE"
}

# The same for clippy on wasm32, which only rustup's toolchain has: its prebuilt target, else its
# rust-src with -Zbuild-std (CR_WASM_ROUTE does not apply; Debian's rustc-web has no clippy).
ensure_wasm_lint() {
  if CR_WASM_ROUTE= try_rustup_target; then
    use_rustup
  elif CR_WASM_ROUTE= try_rustup_build_std; then
    use_rustup build-std
  else
    die "clippy for wasm32 needs rustup's wasm32 target or its rust-src component"
  fi
}

# Installs wasm-bindgen-cli at the pinned version unless it is already there.
ensure_wasm_bindgen() {
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    may_install "wasm-bindgen-cli $want"
    log "installing wasm-bindgen-cli $want (about 3 minutes, once)"
    timeout "$CR_INSTALL_TIMEOUT" cargo install -q wasm-bindgen-cli --version "$want" >&2
  fi
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  [ "$have" = "$want" ] || die "wasm-bindgen-cli $want is not on PATH (found '${have:-none}')"
}

# Installs the repository's npm dev tools (binaryen's wasm-opt, typescript, ajv, …) when missing.
ensure_npm() {
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] \
    || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    may_install "node_modules"
    log "npm ci"
    (cd "$ROOT" && timeout "$CR_INSTALL_TIMEOUT" npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

# Debian's Chromium for the browser tests (playwright-core drives it; no browser download), and a
# CJK font so the screenshots show Chinese rather than empty boxes.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    apt_install chromium fonts-wqy-microhei
  fi
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after apt-get install chromium"
}

# rustup's nightly (libFuzzer instrumentation for cargo-fuzz).
ensure_nightly() {
  if ! cargo +nightly --version >/dev/null 2>&1; then
    may_install "rustup's nightly toolchain"
    log "rustup toolchain install nightly (${CR_INSTALL_TIMEOUT} s limit)"
    timeout "$CR_INSTALL_TIMEOUT" rustup toolchain install nightly --profile minimal >&2 \
      || log "nightly install did not finish"
  fi
  cargo +nightly --version >/dev/null 2>&1 || die "rustup's nightly toolchain is not usable"
}

# cargo-fuzz (the fuzz targets in fuzz/).
ensure_cargo_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    may_install "cargo-fuzz"
    log "installing cargo-fuzz (once; about 2 minutes)"
    timeout "$CR_INSTALL_TIMEOUT" cargo install -q cargo-fuzz --locked >&2 \
      || timeout "$CR_INSTALL_TIMEOUT" cargo install -q cargo-fuzz >&2
  fi
  cargo fuzz --version >/dev/null 2>&1 || die "cargo-fuzz is not usable"
}
