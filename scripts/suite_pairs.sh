#!/usr/bin/env bash
# Issue 16's stress check: `make test` twice at once, ROUNDS times in a row, each run in its own fresh clone of
# this repository at COMMIT (its own .venv and throwaway PostgreSQL). Appends one block per pair to
# OUT/summary.txt (rc and pytest's last line of each run) and exits non-zero when any run failed.
#   scripts/suite_pairs.sh [COMMIT (default HEAD)] [ROUNDS (default 3)] [OUT (default /tmp/bwms-pairs)]
# Run it on an otherwise quiet machine: the point is two suites competing for the two cores, nothing else.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse --short "${1:-HEAD}")
rounds=${2:-3}
out=${3:-/tmp/bwms-pairs}
mkdir -p "$out"
failed=0
for round in $(seq 1 "$rounds"); do
  tag="$commit-$(date -u +%H%M%S)-$round"
  for side in a b; do
    rm -rf "$out/$tag-$side"
    git clone -q "$repo" "$out/$tag-$side" && git -C "$out/$tag-$side" checkout -q "$commit"
  done
  started=$(date +%s)
  for side in a b; do
    ( cd "$out/$tag-$side" && make test > log 2>&1; echo $? > rc ) &
  done
  wait
  {
    echo "$tag $(date -u +%FT%TZ) $(( ($(date +%s) - started) / 60 )) min"
    for side in a b; do
      echo "  $side rc=$(cat "$out/$tag-$side/rc") $(grep -E 'passed|failed' "$out/$tag-$side/log" | tail -n 1)"
      [ "$(cat "$out/$tag-$side/rc")" = 0 ] || failed=1
    done
  } | tee -a "$out/summary.txt"
done
exit "$failed"
