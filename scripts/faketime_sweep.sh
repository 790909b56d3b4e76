#!/usr/bin/env bash
# Issue 16's clock check: one engine's half of the suite under libfaketime (Debian: apt-get install faketime), the
# machine's clock set to MOMENT (UTC) and running on from it, so a run started at 15:57 UTC crosses the warehouse's
# midnight (Asia/Shanghai) three minutes in.
#   scripts/faketime_sweep.sh "2026-12-31 15:57:00" sqlite|postgresql [PYTEST ARGS…]
# Only pytest (and what it starts) runs under faketime: the throwaway PostgreSQL server keeps the real clock, as a
# server would. Monotonic clocks are not faked, so Qt's timers and the waits stay sane. But under faketime's
# --exclude-monotonic, Python ≥ 3.11's time.sleep raises EINVAL (libfaketime issue #426: its clock_nanosleep
# passes the kernel a negative absolute deadline), which kills every device loop and emulator that sleeps (and, in
# a Qt test, a device thread dying that way brought the process down). So the sweep's Python sleeps through
# select(), a relative timeout libfaketime leaves alone: a sitecustomize in a scratch folder on PYTHONPATH, for the
# sweep only (subprocesses inherit it); the product is not touched. And it preloads the plain libfaketime, not the
# multi-threaded one (`faketime -m`), and it leaves out the Qt tests (BWMS_SWEEP_QT=1 keeps them): under libfaketime
# Qt's threads abort or crash the process now and then, at any moment, today's date too, with either library, and
# its waits run 5-10 times slower; the same tests pass without faketime. Dates on screens come from app.clock,
# which the tests of no Qt cover.
set -euo pipefail
cd "$(dirname "$0")/.."
moment=$1 engine=$2
shift 2
source scripts/pg.sh
export QT_QPA_PLATFORM=offscreen TZ=UTC
case "$engine" in
  postgresql) export BWMS_REQUIRE_PG=1; start_throwaway_pg; only="postgresql" ;;
  sqlite) only="not postgresql" ;;  # the tests of no engine too (the pure rules)
  *) echo "engine: sqlite or postgresql, not $engine" >&2; exit 2 ;;
esac
shim=$(mktemp -d /tmp/bwms-faketime.XXXXXX)
cat > "$shim/sitecustomize.py" <<'PY'
import select
import time


def _sleep(seconds: float) -> None:  # time.sleep without clock_nanosleep (libfaketime issue #426)
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    select.select([], [], [], seconds)


time.sleep = _sleep
PY
skip=()
if [ "${BWMS_SWEEP_QT:-}" != 1 ]; then
  while IFS= read -r file; do skip+=(--ignore "$file"); done < <(grep -rlE 'qtbot|PySide6' tests --include='test_*.py')
fi
status=0
PYTHONPATH="$shim${PYTHONPATH:+:$PYTHONPATH}" FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$moment" \
  .venv/bin/python -m pytest -p no:cacheprovider -q -k "$only" "${skip[@]}" "$@" || status=$?
rm -rf "$shim"
exit "$status"
