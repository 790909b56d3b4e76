#!/usr/bin/env bash
# Issue 16's clock check: the suite (one engine's half) under libfaketime (Debian: apt-get install faketime), the machine's
# clock set to MOMENT (UTC) and running on from it, so a run started at 15:57 UTC crosses the warehouse's midnight
# (Asia/Shanghai) three minutes in.
#   scripts/faketime_sweep.sh "2026-12-31 15:57:00" sqlite|postgresql [PYTEST ARGS…]
# Only pytest runs under faketime: the throwaway PostgreSQL server keeps the real clock, as a server would.
# Monotonic clocks are not faked (Qt's timers and waits stay sane). Deselected: the serial-emulator test, whose
# emulator subprocess paces its scans with time.sleep, which raises EINVAL on Python ≥ 3.11 under faketime's
# --exclude-monotonic (libfaketime issue #426) — a limit of the tool, unrelated to dates.
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
FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -m -f "@$moment" .venv/bin/python -m pytest -p no:cacheprovider -q \
  -k "$only and not test_sample_container_scanned_through_the_emulator" "$@"
