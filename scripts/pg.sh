# Sourced by test.sh and bench.sh: start a throwaway PostgreSQL (as an unprivileged user when run as root).
# The server is the system's (pg_config, or Debian's /usr/lib/postgresql/*/bin) or, when there is none, the one
# the pgserver package bundles (installed by `make setup`). BWMS_NO_SYSTEM_PG=1 skips the system's (to try that).
start_throwaway_pg() {
  if [ -n "${BWMS_TEST_PG_URL:-}" ]; then return; fi
  local bindir="" user=""
  if [ "${BWMS_NO_SYSTEM_PG:-}" != 1 ]; then
    bindir=$(pg_config --bindir 2>/dev/null || true)
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
      bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
    [ "$(id -u)" = 0 ] && user=postgres
  fi
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    local found
    found=$(.venv/bin/python -W ignore scripts/pg_bundled.py) || exit 1
    read -r bindir user <<<"$found"
    export PATH="$bindir:$PATH"  # its pg_dump and pg_restore too, of the server's version
    echo "no system PostgreSQL: using the server of the pgserver package ($bindir)"
  fi
  PG_BINDIR=$bindir
  PG_TMP=$(mktemp -d /tmp/bwms-pg.XXXXXX)
  PG_AS=()
  if [ -n "$user" ]; then chown "$user" "$PG_TMP"; PG_AS=(runuser -u "$user" --); fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${PG_AS[@]}" "$bindir/initdb" -D "$PG_TMP/data" -A trust -U bwms -E UTF8 --locale=C.UTF-8 >/dev/null
  "${PG_AS[@]}" "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
  export BWMS_TEST_PG_URL="postgresql+psycopg://bwms@127.0.0.1:$port/postgres"
  trap 'stop_throwaway_pg' EXIT
  echo "throwaway PostgreSQL on port $port"
}

stop_throwaway_pg() {
  if [ -n "${PG_TMP:-}" ]; then
    "${PG_AS[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
