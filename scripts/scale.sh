#!/usr/bin/env bash
# The figures of docs/scale.md: sustained accepted posts per second and p50/p99 latency on
# loopback, SQLite vs PostgreSQL, one vs two `serve` processes. Builds the server and the load
# generator with the bench profile (optimised, no fat LTO), starts a throwaway PostgreSQL
# (scripts/postgres.sh) and prints one JSON line per configuration.
#   SCALE_POSTS (default 3000), SCALE_CLIENTS (default 16)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
POSTS="${SCALE_POSTS:-3000}"
CLIENTS="${SCALE_CLIENTS:-16}"
cargo build --locked -q --profile bench --bin complaint-rules --example intake_load
# The bench profile builds into target/release.
BIN="$ROOT/target/release/complaint-rules"
LOAD="$ROOT/target/release/examples/intake_load"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# Starts one serve on DB (in this shell, so its pid is kept); its address goes to serve-N.addr.
serve() {
  local db="$1" n="$2"
  "$BIN" serve --addr 127.0.0.1:0 --db "$db" --key-file "$WORK/keys" --generate-key --rate-limit 0 \
    --www "$ROOT/www" --pkg "$ROOT/pkg" >"$WORK/serve-$n.out" 2>/dev/null &
  PIDS+=($!)
  for _ in $(seq 100); do
    if grep -q listening "$WORK/serve-$n.out" 2>/dev/null; then break; fi
    sleep 0.1
  done
  sed -n 's#listening on http://##p' "$WORK/serve-$n.out" >"$WORK/serve-$n.addr"
}

stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; PIDS=(); }

PG="$(bash scripts/postgres.sh start)"
export PGOPTIONS="-c client_min_messages=warning"
run() {
  local label="$1" db="$2" procs="$3" addrs=""
  for n in $(seq "$procs"); do
    serve "$db" "$label-$n"
    addrs="${addrs:+$addrs,}$(cat "$WORK/serve-$label-$n.addr")"
  done
  printf '{"store":"%s",' "$label"
  "$LOAD" "$addrs" "$POSTS" "$CLIENTS" | sed 's/^{//'
  stop_all
}
run sqlite "$WORK/cases.sqlite" 1
rm -f "$WORK"/cases.sqlite*
run sqlite "$WORK/cases2.sqlite" 2
for procs in 1 2; do
  db="cr_scale_$$_$procs"
  psql "$PG" -qc "CREATE DATABASE $db" >/dev/null
  run postgres "${PG%/*}/$db" "$procs"
  psql "$PG" -qc "DROP DATABASE $db" >/dev/null
done
