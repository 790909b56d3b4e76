# Sourced by test.sh and bench.sh: start a throwaway PostgreSQL (as the postgres user when run as root).
start_throwaway_pg() {
  if [ -n "${BWMS_TEST_PG_URL:-}" ]; then return; fi
  local bindir
  bindir=$(pg_config --bindir 2>/dev/null || true)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "PostgreSQL not found: install it (Debian: apt-get install postgresql) or set BWMS_TEST_PG_URL" >&2
    exit 1
  fi
  PG_TMP=$(mktemp -d /tmp/bwms-pg.XXXXXX)
  local as=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_TMP"; as=(runuser -u postgres --); fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${as[@]}" "$bindir/initdb" -D "$PG_TMP/data" -A trust -U bwms -E UTF8 --locale=C.UTF-8 >/dev/null
  "${as[@]}" "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
  export BWMS_TEST_PG_URL="postgresql+psycopg://bwms@127.0.0.1:$port/postgres"
  trap 'stop_throwaway_pg' EXIT
  echo "throwaway PostgreSQL on port $port"
}

stop_throwaway_pg() {
  if [ -n "${PG_TMP:-}" ]; then
    local as=()
    [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
    "${as[@]}" "$(dirname "$(command -v pg_ctl 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_ctl | tail -n1)")/pg_ctl" \
      -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
