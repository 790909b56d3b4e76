#!/usr/bin/env bash
# `make bench`: every benchmark named in the issues; prints the figures (and writes bench/results.json).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
export QT_QPA_PLATFORM=offscreen
start_throwaway_pg
.venv/bin/python -m bench "$@"
