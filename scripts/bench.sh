#!/usr/bin/env bash
# `make bench`: the benchmark suite of issue 9 (not part of `make test`). Builds what it needs
# (native binary, case generator, web module, npm dev tools), generates the cases from seed 42,
# measures the native CLI, then runs bench/run.mjs, which measures the wasm engine against the JS
# peers in Node and in Chromium, prints the table and writes docs/bench.md.
#   BENCH_N       cases for the native assess / validate throughput (default 1 000 000)
#   BENCH_CASES   cases for the Node measurements (default 10 000)
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_npm
ensure_chromium
cd "$ROOT"

NOW="${NOW:-2026-11-23T10:00:00+08:00}"
BENCH_N="${BENCH_N:-1000000}"
BENCH_CASES="${BENCH_CASES:-10000}"
OUT="$ROOT/bench/generated"
mkdir -p "$OUT"

cargo build --release --locked -q
cargo build --release --locked -q --example gen_cases
# (the web module is built by `make wasm`, a prerequisite of `make bench`)
GEN="$ROOT/target/release/examples/gen_cases"
BIN="$ROOT/target/release/complaint-rules"

"$GEN" --n "$BENCH_CASES" --seed 42 > "$OUT/cases.jsonl"

# Native throughput: the generator streams into the CLI (it is ~15x faster than assess, so it
# never starves it), /usr/bin/time -v reports the CLI's own wall time, CPU time and peak RSS.
native() { # name, subcommand args…
  local name="$1"; shift
  "$GEN" --n "$BENCH_N" --seed 42 | /usr/bin/time -v -o "$OUT/time-$name.txt" "$BIN" "$@" > /dev/null
  python3 - "$OUT/time-$name.txt" "$name" "$BENCH_N" >> "$OUT/native.jsonl" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
def field(label):
    return re.search(re.escape(label) + r":\s*(.+)", text).group(1).strip()
wall = 0.0
for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
    wall = wall * 60 + float(part)
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
n = int(sys.argv[3])
print(json.dumps({"name": sys.argv[2], "n": n, "wall_s": wall, "cpu_s": cpu, "per_s": n / wall,
                  "per_cpu_s": n / cpu if cpu else None, "peak_rss_kb": int(field("Maximum resident set size (kbytes)"))}))
PY
  tail -1 "$OUT/native.jsonl"
}
rm -f "$OUT/native.jsonl"
echo "bench: native CLI on $BENCH_N generated cases"
native validate validate --now "$NOW"
native "validate --no-normalized" validate --now "$NOW" --no-normalized
native assess assess --now "$NOW"

# Criterion benches, when the crate has them (quick mode keeps the run short).
rm -f "$OUT/criterion.txt"
if [ -d benches ] && ls benches/*.rs > /dev/null 2>&1; then
  echo "bench: criterion (quick)"
  cargo bench --locked -q --benches -- --quick --noplot 2>&1 | tee "$OUT/criterion.txt" | grep -E "time:" || true
fi

# The peers read the same assembled ecommerce pack the engine embeds (packs are kept as parts).
"$BIN" pack build packs/ecommerce > "$OUT/pack-ecommerce.json"
node bench/build.mjs
BENCH_NOW="$NOW" node bench/run.mjs
