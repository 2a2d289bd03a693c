#!/usr/bin/env bash
# A throwaway local PostgreSQL server for benchmarks and manual checks (the GoogleTest
# suite starts its own: tests/storage/postgres_test_server.h).
#   scripts/pg-test-server.sh start DIR   initdb into DIR, start on a free loopback port,
#                                         create database "storepulse", print its URL
#   scripts/pg-test-server.sh stop DIR    stop the server and remove DIR
# As root (CI) the server runs as the postgres user, which PostgreSQL requires.
# Tuned for speed, not durability (fsync off): never keep data in it.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [[ -z "$command" || -z "$dir" ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "pg-test-server: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin;" \
       "install the postgresql package (scripts/install-deps.sh)" >&2
  exit 1
fi

as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

case "$command" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    as_server_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
      --locale=C --no-sync --no-instructions >"$dir/initdb.log"
    for attempt in 1 2 3 4 5; do
      port=$((20000 + RANDOM % 30000))
      if as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
           -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off \
               -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
        as_server_user "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
          -c "CREATE DATABASE storepulse" >/dev/null
        echo "postgresql://postgres@127.0.0.1:$port/storepulse"
        exit 0
      fi
    done
    echo "pg-test-server: the server did not start; see $dir/server.log" >&2
    exit 1
    ;;
  stop)
    dir=$(cd "$dir" && pwd)
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
