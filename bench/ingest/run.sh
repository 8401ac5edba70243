#!/usr/bin/env bash
# Ingest benchmark (issue 2): salescope ingest next to a plain Spark CSV -> Parquet copy of
# the same files, in the same run, each variant in its own JVM with the same heap and session
# (local[*], zstd). Variants:
#   ingest                   IngestJob --full into a fresh data directory
#   copy-multiline-strings   spark.read.csv(multiLine=true), all columns strings: the correct copy,
#                            the baseline of the target (ingest >= 0.7 of its throughput at scale 100)
#   copy-multiline-declared  the same with the contract's column types
#   copy-lines-strings       multiLine=false: splittable but wrong (quoted newlines split records)
#   copy-lines-declared      the same with the contract's column types
# The baseline and ingest run twice in ABBA order (copy, ingest, ingest, copy) so that drift in
# the machine's load affects both alike; the others once.
#
# usage: bench/ingest/run.sh SCALE [SCALE...]     (e.g. bench/ingest/run.sh 1 10 100)
# env:   BENCH_EXPORTS (/work/benchdata: reads BENCH_EXPORTS/sSCALE/export once its .done
#        marker exists; without such a folder the export is generated under bench/work),
#        BENCH_HEAP (8g), BENCH_VARIANTS (the three extra ones), BENCH_REPEAT (2: ABBA; 1: copy, ingest)
# out:   bench/out/ingest-sSCALE.txt (machine, load, one line per run, ratios) and
#        bench/out/ingest-sSCALE-stages.txt (task CPU per Spark stage call site, per run)
# With a scale of 10 or more, the run holds the shared lock /tmp/salescope-bigrun.lock from
# start to end (all scales and variants, so no other big run lands between a copy and an
# ingest); scale 100 needs 14 GiB free. The compiled classes are copied at the start, so the
# run measures the build it started with even if the worktree is rebuilt while it waits.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/java.sh"

HEAP="${BENCH_HEAP:-8g}"
REPEAT="${BENCH_REPEAT:-2}"
EXTRA="${BENCH_VARIANTS-copy-multiline-declared copy-lines-strings copy-lines-declared}"
[ $# -ge 1 ] || { echo "usage: $0 SCALE [SCALE...]" >&2; exit 2; }

bench_build ingest
mkdir -p "$BENCH_WORK"
CP="$(snapshot_jobs_classpath "$BENCH_WORK/classes-$$")"
trap 'rm -rf "$BENCH_WORK/classes-$$"' EXIT

run_variant() { # SCALE VARIANT EXPORT
  local scale="$1" variant="$2" export="$3" work
  work="$(mktemp -d "$BENCH_WORK/ingest-s$1.XXXX")"
  local args
  case "$variant" in
    ingest) args=(ingest "$export" "$work") ;;
    copy-multiline-strings) args=(copy "$export" "$work" true strings) ;;
    copy-multiline-declared) args=(copy "$export" "$work" true declared) ;;
    copy-lines-strings) args=(copy "$export" "$work" false strings) ;;
    copy-lines-declared) args=(copy "$export" "$work" false declared) ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
  local before result
  [ "$scale" -ge 100 ] && need_memory 14
  before="$(loadavg | tr ' ' /)"
  java "${SPARK_FLAGS[@]}" -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -cp "$CP" \
      io.salescope.ingest.bench.IngestBenchMain "${args[@]}" >"$work.out" 2>"$work.log" \
    || { tail -n 30 "$work.log" >&2; exit 1; }
  result="$(grep '^RESULT' "$work.out")"
  { echo "== scale $scale $variant"; sed -n '/^THREADS/,$p' "$work.out"; } >>"$STAGES"
  echo "scale=$scale ${result#RESULT } load_before=$before load_after=$(loadavg | tr ' ' /)"
  rm -rf "$work" "$work.log" "$work.out"
}

bench_scale() { # SCALE (runs every variant)
  local SCALE="$1" EXPORT OUT STAGES order v line
  EXPORT="$(bench_export "$SCALE")"
  OUT="$ROOT/bench/out/ingest-s$SCALE.txt"
  STAGES="$ROOT/bench/out/ingest-s$SCALE-stages.txt"
  mkdir -p "$(dirname "$OUT")"
  : >"$STAGES"
  order=(copy-multiline-strings ingest)
  [ "$REPEAT" -ge 2 ] && order+=(ingest copy-multiline-strings)
  for v in $EXTRA; do order+=("$v"); done
  {
    echo "# ingest benchmark, scale $SCALE ($(du -sh "$EXPORT" | cut -f1) export), heap $HEAP, local[*]"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    machine
    echo "export: $EXPORT"
    echo "load average at start: $(loadavg)"
  } >"$OUT"
  for v in "${order[@]}"; do
    line="$(run_variant "$SCALE" "$v" "$EXPORT")"
    echo "$line" | tee -a "$OUT"
  done
  python3 - "$OUT" <<'PY' | tee -a "$OUT"
import sys, re, statistics
runs = []
for line in open(sys.argv[1]):
    if line.startswith("scale="):
        runs.append(dict(kv.split("=", 1) for kv in line.split()))
by = {}
for r in runs:
    by.setdefault(r["variant"], []).append(float(r["seconds"]))
base = statistics.mean(by["copy-multiline-strings"])
print("summary (mean wall seconds; throughput ratio = baseline seconds / variant seconds):")
for v, s in by.items():
    print(f"  {v:26s} {statistics.mean(s):8.1f} s  runs {s}  ratio to copy-multiline-strings {base / statistics.mean(s):.2f}")
PY
  echo "load average at end: $(loadavg)" | tee -a "$OUT"
}

big=0
for SCALE in "$@"; do if [ "$SCALE" -ge 10 ]; then big=1; fi; done
if [ "$big" = 1 ]; then
  # One hold of the lock for every scale asked for, so no other big run lands between them.
  echo "bench: waiting for /tmp/salescope-bigrun.lock" >&2
  exec 9>/tmp/salescope-bigrun.lock
  flock 9
  echo "bench: got the lock at $(date -u +%T)" >&2
fi
for SCALE in "$@"; do
  bench_scale "$SCALE"
done
