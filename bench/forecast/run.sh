#!/usr/bin/env bash
# Forecasting benchmark: generate a demo export at SCALE (default 10: ~100k opportunities,
# ~1M activities), ingest it, then time `salescope forecast` (training + scoring + backtest +
# publishing) through the launcher, as a user would run it. Results: bench/out/forecast-sSCALE.txt.
#
# usage: bench/forecast/run.sh [SCALE] [extra forecast options...]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCALE="${1:-10}"
shift || true
TODAY="${BENCH_TODAY:-2026-06-30}"
WORK="$ROOT/bench/work/forecast-s$SCALE"
OUT="$ROOT/bench/out/forecast-s$SCALE.txt"
mkdir -p "$WORK" "$(dirname "$OUT")"
S="$ROOT/salescope"

"$S" build-only
if [ ! -f "$WORK/export/opportunities.csv" ]; then
  "$S" --today "$TODAY" generate --out "$WORK/export" --scale "$SCALE" --plant
fi
if [ ! -f "$WORK/data/warehouse/CURRENT" ]; then
  "$S" --data "$WORK/data" --today "$TODAY" ingest "$WORK/export" --full
fi

{
  echo "# salescope forecast benchmark, scale $SCALE, as of $TODAY"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "rows: $(($(wc -l < "$WORK/export/opportunities.csv") - 1)) opportunities, $(($(wc -l < "$WORK/export/activities.csv") - 1)) activities, $(($(wc -l < "$WORK/export/opportunity_history.csv") - 1)) history rows"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT"

start=$(date +%s.%N)
SALESCOPE_PROGRESS=plain "$S" --data "$WORK/data" --today "$TODAY" forecast "$@" 2>&1 | tee -a "$OUT.log"
end=$(date +%s.%N)

{
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  awk -v s="$start" -v e="$end" 'BEGIN { printf "wall time of salescope forecast (JVM start to exit): %.1f s\n", e - s }'
  echo "step timings (s): $(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['timings_s'])" "$WORK/data/forecast/backtest.json")"
  echo
  grep -v -E '^\s*$|WARN' "$OUT.log" | tail -n 40
} >> "$OUT"
rm -f "$OUT.log"
cat "$OUT"
