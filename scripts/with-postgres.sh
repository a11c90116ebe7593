#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster: data and socket in a temp dir, a free port,
# removed afterwards. Exports TREU_TEST_POSTGRES (an Npgsql connection string) for the command.
# Usage: scripts/with-postgres.sh <command> [args…]
set -euo pipefail

PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
if [[ ! -x "$PGBIN/initdb" ]]; then
  echo "with-postgres: no PostgreSQL server binaries in $PGBIN; running without PostgreSQL" >&2
  exec "$@"
fi

dir="$(mktemp -d /tmp/treu-pg.XXXXXX)"
chmod 755 "$dir"
as_pg=()
if [[ "$(id -u)" == 0 ]]; then
  # initdb refuses to run as root.
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"${as_pg[@]}" "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
# Durability stays on (fsync, synchronous_commit): the tests claim acknowledged writes survive.
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" start >/dev/null

cleanup() {
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

export TREU_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=50"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $port" >&2
"$@"
