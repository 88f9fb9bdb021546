#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the server tests: `install` installs Debian's postgresql
# package when its binaries are missing (root; a no-op otherwise); `start` (idempotent) creates
# and starts a cluster in a temp directory owned by an unprivileged user on a loopback port and
# prints its URL; `url` prints the URL of the running cluster; `stop` stops it and removes the
# directory. Every step is time-bounded.
#   CR_PG_DIR   cluster directory  (default /tmp/complaint-rules-pg)
#   CR_PG_PORT  loopback port      (default 55432)
#   CR_PG_USER  OS user owning it  (default crpg; created when missing, as root)
set -euo pipefail

DIR="${CR_PG_DIR:-/tmp/complaint-rules-pg}"
PORT="${CR_PG_PORT:-55432}"
OSUSER="${CR_PG_USER:-crpg}"
URL="postgres://cr@127.0.0.1:${PORT}/cr"

bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/initdb" ]]; then echo "$d"; return 0; fi
  done
  echo "postgres.sh: no PostgreSQL binaries under /usr/lib/postgresql (apt-get install -y postgresql)" >&2
  return 1
}

# Runs a command as the cluster's owner (we may be root, and initdb refuses root).
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u "$OSUSER" -- "$@"
  else
    "$@"
  fi
}

running() {
  [[ -f "$DIR/data/postmaster.pid" ]] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
  if [[ "$(id -u)" == 0 ]] && ! id "$OSUSER" >/dev/null 2>&1; then
    useradd -r -M -s /usr/sbin/nologin "$OSUSER"
  fi
  if running; then echo "$URL"; return 0; fi
  if [[ ! -f "$DIR/data/PG_VERSION" ]]; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [[ "$(id -u)" == 0 ]] && chown "$OSUSER" "$DIR"
    as_owner timeout 120 "$BIN/initdb" -D "$DIR/data" -U cr --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; return 1; }
  fi
  # Loopback only, sockets in the cluster's own directory, fsync on (the kill -9 test needs it),
  # enough connections for two servers' pools and the tests.
  as_owner timeout 60 "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 50 \
    -o "-h 127.0.0.1 -p $PORT -k $DIR -c max_connections=200 -c shared_buffers=64MB" start >/dev/null \
    || { tail -20 "$DIR/server.log" >&2; return 1; }
  timeout 30 "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U cr -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'cr'" | grep -q 1 \
    || timeout 30 "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U cr cr
  echo "$URL"
}

stop() {
  if running; then
    as_owner timeout 60 "$BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 50 stop >/dev/null
  fi
  rm -rf "$DIR"
}

install() {
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then return 0; fi
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get update -qq
  timeout 900 apt-get install -y -qq postgresql >/dev/null
}

if [[ "${1:-}" == install ]]; then install; exit $?; fi
BIN="$(bin_dir)"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) if running; then echo "$URL"; else echo "postgres.sh: not running" >&2; exit 1; fi ;;
  *) echo "usage: $0 install|start|stop|url" >&2; exit 2 ;;
esac
