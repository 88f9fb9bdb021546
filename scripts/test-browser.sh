#!/usr/bin/env bash
# Runs the demo page's end-to-end tests in headless Chromium against `complaint-rules serve`.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_chromium
ensure_npm
cd "$ROOT"
node --test --test-concurrency=1 tests/browser/
