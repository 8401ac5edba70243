#!/usr/bin/env bash
# The warehouse benchmark (not a test). For each scale: ingest the pre-generated export if the
# data directory has no warehouse yet, time 'salescope build' (per mart, from its report),
# then QueryBenchmark: a fixed mix of catalog queries through the engine next to the same SQL
# run directly in DuckDB. Reports go to stdout and bench/out/warehouse-sSCALE.txt.
#
#   bench/warehouse/run.sh [SCALE...]          # default: 1 10 100
#   BENCH_ROUNDS=20 BENCH_NO_BUILD=1 bench/warehouse/run.sh 1
#
# Data (override with env): exports  $BENCH_EXPORTS/sSCALE/export   (default /work/benchdata)
#                           warehouse $BENCH_DATA/qbench-sSCALE       (default /work/benchdata)
# Scale 100 is read, never written: $BENCH_S100_DATA (default /work/benchdata/s100/data),
# a warehouse ingested and built elsewhere (its build report gives the mart times); the run
# waits for $BENCH_S100_DATA/../built.done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/bench/warehouse/target"
RESULTS="$ROOT/bench/out"
EXPORTS="${BENCH_EXPORTS:-/work/benchdata}"
DATA="${BENCH_DATA:-/work/benchdata}"
S100="${BENCH_S100_DATA:-/work/benchdata/s100/data}"
TODAY="${BENCH_TODAY:-2026-06-30}"
LOCK="${BENCH_LOCK:-/tmp/salescope-bigrun.lock}"
SCALES=("$@")
[ ${#SCALES[@]} -gt 0 ] || SCALES=(1 10 100)
export SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$OUT/classes" "$RESULTS"

# The engine's classpath at runtime scope (no Spark), the reactor's modules by their classes.
(cd "$ROOT" && mvn -B -q -o -pl warehouse -am compile dependency:build-classpath \
    -Dmdep.outputFile="$OUT/deps.classpath" -Dmdep.includeScope=runtime)
CP="$ROOT/warehouse/target/classes:$(sed -e "s#[^:]*salescope-\(core\|warehouse\|ingest\)-[^:]*\.jar#$ROOT/\1/target/classes#g" "$OUT/deps.classpath")"
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$CP" $(find "$ROOT/bench/common/src" "$ROOT/bench/warehouse/src" -name '*.java')

# Big runs take the shared lock so they do not overlap other sessions' big runs.
locked() { if [ "$1" -ge 10 ]; then shift; flock "$LOCK" "$@"; else shift; "$@"; fi; }

for scale in "${SCALES[@]}"; do
  log="$RESULTS/warehouse-s$scale-build.log"
  if [ "$scale" = 100 ]; then
    dir="$S100"
    until [ -f "$dir/../built.done" ]; do echo "waiting for $dir/../built.done ..." >&2; sleep 60; done
  else
    dir="$DATA/qbench-s$scale"
    export_dir="$EXPORTS/s$scale/export"
    if [ ! -f "$dir/warehouse/CURRENT" ]; then
      [ -f "$export_dir/.done" ] || { echo "no finished export at $export_dir (.done missing)" >&2; exit 2; }
      echo "== scale $scale: ingest $export_dir into $dir" >&2
      locked "$scale" "$ROOT/salescope" --data "$dir" --today "$TODAY" ingest "$export_dir" >"$log" 2>&1 \
        || { tail -n 30 "$log" >&2; exit 1; }
    fi
    if [ -z "${BENCH_NO_BUILD:-}" ]; then
      echo "== scale $scale: salescope build (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
      start=$(date +%s.%N)
      locked "$scale" "$ROOT/salescope" --data "$dir" --today "$TODAY" build >>"$log" 2>&1 \
        || { tail -n 30 "$log" >&2; exit 1; }
      echo "salescope build wall time (JVM start to exit): $(echo "$(date +%s.%N) - $start" | bc) s" | tee -a "$log" >&2
    fi
  fi
  echo "== scale $scale: queries" >&2
  locked "$scale" java -Xmx${BENCH_MEMORY:-6g} -Duser.timezone=UTC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$OUT/classes:$CP" io.salescope.bench.warehouse.QueryBenchmark --data "$dir" --label "scale $scale" \
    --today "$TODAY" --rounds "${BENCH_ROUNDS:-20}" --warmup "${BENCH_WARMUP:-3}" --out "$RESULTS/warehouse-s$scale.txt"
done
