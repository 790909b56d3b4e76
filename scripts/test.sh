#!/usr/bin/env bash
# Run the whole suite on SQLite and PostgreSQL. Starts a throwaway PostgreSQL unless BWMS_TEST_PG_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
export BWMS_REQUIRE_PG=1 QT_QPA_PLATFORM=offscreen
start_throwaway_pg
.venv/bin/python -m pytest -p no:cacheprovider "$@"
