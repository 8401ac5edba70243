#!/usr/bin/env bash
# The question-answering benchmark (not a test): the real service ('salescope serve') over a
# data directory, POST /api/ask over HTTP for a fixed mix of English and Chinese questions as
# an executive, a manager and a rep, with the same structured queries on the engine alone
# beside it. Reports go to stdout and bench/out/api-sSCALE.txt.
#
#   bench/api/run.sh [SCALE...]                # default: 100
#   BENCH_ROUNDS=20 bench/api/run.sh 1 10 100
#
# Data: scales 1 and 10 use $BENCH_DATA/qbench-sSCALE (default /work/benchdata; made by
# bench/warehouse/run.sh). Scale 100 reads $BENCH_S100_DATA (default /work/benchdata/s100/data,
# built elsewhere; waits for its ../built.done) and never writes there: its current warehouse
# version is copied (tables hard-linked when possible) to bench/work/api-s100/, where the
# service keeps its operational store (login tokens).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/bench/api/target"
RESULTS="$ROOT/bench/out"
DATA="${BENCH_DATA:-/work/benchdata}"
S100="${BENCH_S100_DATA:-/work/benchdata/s100/data}"
TODAY="${BENCH_TODAY:-2026-06-30}"
LOCK="${BENCH_LOCK:-/tmp/salescope-bigrun.lock}"
SCALES=("$@")
[ ${#SCALES[@]} -gt 0 ] || SCALES=(100)
mkdir -p "$OUT" "$RESULTS"

# The bot's classpath at runtime scope (what 'salescope serve' runs on), modules by their classes.
(cd "$ROOT" && mvn -B -q -o -pl bot -am compile dependency:build-classpath \
    -Dmdep.outputFile="$OUT/deps.classpath" -Dmdep.includeScope=runtime)
CP="$ROOT/bot/target/classes:$(sed -e "s#[^:]*salescope-\(core\|warehouse\|ingest\)-[^:]*\.jar#$ROOT/\1/target/classes#g" "$OUT/deps.classpath")"
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$CP" $(find "$ROOT/bench/common/src" "$ROOT/bench/api/src" -name '*.java')
# Let the launcher build its classpaths now (it rebuilds when sources changed), not mid-run.
"$ROOT/salescope" metrics >/dev/null

# A writable copy of scale 100's current version: metadata copied, table files hard-linked.
copy_s100() {
  local src="$S100" dst="$ROOT/bench/work/api-s100"
  until [ -f "$src/../built.done" ]; do echo "waiting for $src/../built.done ..." >&2; sleep 60; done
  local current; current="$(cat "$src/warehouse/CURRENT")"
  if [ ! -f "$dst/warehouse/CURRENT" ] || [ "$(cat "$dst/warehouse/CURRENT")" != "$current" ]; then
    echo "== copying $src (version $current) to $dst" >&2
    rm -rf "$dst" && mkdir -p "$dst/warehouse"
    cp -a "$src/warehouse/versions" "$dst/warehouse/"
    cp -al "$src/warehouse/tables" "$dst/warehouse/" 2>/dev/null || cp -a "$src/warehouse/tables" "$dst/warehouse/"
    [ -d "$src/catalog" ] && cp -a "$src/catalog" "$dst/"
    cp "$src/warehouse/CURRENT" "$dst/warehouse/CURRENT"
  fi
  echo "$dst"
}

for scale in "${SCALES[@]}"; do
  if [ "$scale" = 100 ]; then dir="$(copy_s100)"; else dir="$DATA/qbench-s$scale"; fi
  [ -f "$dir/warehouse/CURRENT" ] || { echo "no warehouse in $dir: run bench/warehouse/run.sh $scale first" >&2; exit 2; }
  echo "== scale $scale: /api/ask" >&2
  run=(java -Xmx${BENCH_MEMORY:-4g} -Duser.timezone=UTC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
    -cp "$OUT/classes:$CP" io.salescope.bench.api.AskBenchmark --data "$dir" --launcher "$ROOT/salescope"
    --label "scale $scale" --today "$TODAY" --rounds "${BENCH_ROUNDS:-20}" --warmup "${BENCH_WARMUP:-3}"
    --out "$RESULTS/api-s$scale.txt")
  if [ "$scale" -ge 10 ]; then flock "$LOCK" "${run[@]}"; else "${run[@]}"; fi
done
