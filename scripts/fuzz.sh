#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/) for SECONDS each, one after the other (one core), seeded
# from the test data: `bash scripts/fuzz.sh 60`. Installs cargo-fuzz when missing; needs rustup's
# nightly toolchain (libFuzzer instrumentation). A crash stops the run and leaves its input in
# fuzz/artifacts/<target>/.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$ROOT"
seconds="${1:-60}"
targets=(${FUZZ_TARGETS:-validate classify pack calendar envelope})

ensure_nightly
ensure_cargo_fuzz
ensure_npm

node fuzz/seed.mjs
cargo +nightly fuzz build --fuzz-dir fuzz
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
  max_len=65536
  [ "$t" = pack ] && max_len=262144
  log="fuzz/logs/$t.log"
  start=$(date +%s)
  status=0
  cargo +nightly fuzz run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|thread .* panicked|Test unit written|Crash|Failing input)' "$log" || true
  echo "fuzz: $t ran $(( $(date +%s) - start )) s (max_total_time ${seconds} s), exit $status"
  if [ "$status" -ne 0 ]; then
    tail -40 "$log" >&2
    exit "$status"
  fi
done
