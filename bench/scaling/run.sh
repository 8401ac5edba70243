#!/usr/bin/env bash
# Scaling benchmark: the pipeline (ingest, build, forecast) at demo-generator scales, each
# stage a separate spark-submit of the job jar (so each stage has its own wall time and peak
# RSS), in local mode by default. Per stage it records wall time, peak RSS (/usr/bin/time -v),
# and from Spark's event log: peak JVM heap, spilled bytes, GC time, tasks. A stage that fails
# (an OutOfMemoryError, say) is retried with the next heap size in SCALING_HEAPS, and every
# attempt is recorded. Results: bench/out/scaling/<label>.tsv (one line per attempt) and the
# logs next to it.
#
# usage: bench/scaling/run.sh [SCALE...]            (default: 1 10 100)
#   SCALING_MASTER   Spark master (default local[2]); spark://... runs on a cluster
#   SCALING_HEAPS    driver heaps to try, in order (default "8g 16g 20g")
#   SCALING_EXECUTOR_MEMORY  executor heap on a cluster (default 2g)
#   SCALING_LABEL    name of the result set (default local)
#   SCALING_STAGES   stages to run (default "ingest build forecast"); without ingest, the
#                    stages continue on the data directory a previous run left
#   SCALING_EXPORTS  where the demo exports are: SCALING_EXPORTS/sSCALE/export, used once its
#                    .done marker is there (waited for); default /work/benchdata when it exists.
#                    A scale without one is generated (seed 42) under bench/work/scaling.
#   SCALING_DATA     the data directory (one scale only; default bench/work/scaling/sSCALE/data-LABEL)
#   SCALING_TIMEOUT  seconds a stage may run before it is stopped (default: none); a stopped
#                    stage is recorded as "timeout" and not retried
#   SCALING_TIMEOUT_UNTIL  instead: a stage is stopped at this time (seconds since the epoch),
#                    whenever it got the lock
# Every stage takes /tmp/salescope-bigrun.lock (shared with the other benchmarks, so big runs
# never overlap and timings are not each other's load); scales of 50 and more need 14 GiB free.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCALES=("$@")
[ ${#SCALES[@]} -gt 0 ] || SCALES=(1 10 100)
MASTER="${SCALING_MASTER:-local[2]}"
HEAPS=(${SCALING_HEAPS:-8g 16g 20g})
LABEL="${SCALING_LABEL:-local}"
STAGES=(${SCALING_STAGES:-ingest build forecast})
TODAY=2026-06-30
WORK="$ROOT/bench/work/scaling"
OUT="$ROOT/bench/out/scaling"
mkdir -p "$WORK" "$OUT"

SPARK_HOME="$("$ROOT/bench/cluster/spark-home.sh")"
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1
JAR_SRC="$ROOT/forecasting/target/salescope-jobs.jar"
if [ ! -f "$JAR_SRC" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl forecasting -am)
fi
# A private copy per run: rebuilding the project (or another run starting) must not change
# the jar under a running stage.
JAR="$(mktemp "$WORK/salescope-jobs-XXXXXX.jar")"
trap 'rm -f "$JAR"' EXIT
cp "$JAR_SRC" "$JAR"

RESULTS="$OUT/$LABEL.tsv"
[ -f "$RESULTS" ] || printf 'scale\tstage\theap\tstatus\twall_s\tpeak_rss_mib\tpeak_heap_mib\tspilled_mib\tgc_s\ttasks\texport_records\trows_per_s\tload_before\tload_after\tstarted\n' > "$RESULTS"

submit() { # heap, log, args...
  local heap="$1" log="$2"
  shift 2
  local conf=(--master "$MASTER" --driver-memory "$heap"
    --conf spark.default.parallelism=2
    --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$EVENTS"
    --conf spark.eventLog.logStageExecutorMetrics=true --conf spark.eventLog.compress=false
    --conf spark.eventLog.rolling.enabled=false)
  case "$MASTER" in
    spark://*) conf+=(--executor-memory "${SCALING_EXECUTOR_MEMORY:-2g}") ;;
  esac
  local cap=()
  if [ -n "${SCALING_TIMEOUT_UNTIL:-}" ]; then
    SCALING_TIMEOUT=$((SCALING_TIMEOUT_UNTIL - $(date +%s)))
    [ "$SCALING_TIMEOUT" -ge 60 ] || SCALING_TIMEOUT=60
  fi
  [ -z "${SCALING_TIMEOUT:-}" ] || cap=(timeout --kill-after=60 "$SCALING_TIMEOUT")
  SALESCOPE_PROGRESS=plain SALESCOPE_SHUFFLE_PARTITIONS=8 /usr/bin/time -v -o "$log.time" \
    "${cap[@]}" "$SPARK_HOME/bin/spark-submit" "${conf[@]}" --class io.salescope.forecasting.cli.SalescopeJobs "$JAR" \
    --data "file://$DATA" --today "$TODAY" "$@" >"$log" 2>&1
}

EXPORTS="${SCALING_EXPORTS:-}"
[ -n "$EXPORTS" ] || { [ -d /work/benchdata ] && EXPORTS=/work/benchdata; } || true
if [ -n "${SCALING_DATA:-}" ] && [ ${#SCALES[@]} -ne 1 ]; then
  echo "bench/scaling: SCALING_DATA names one data directory; give one scale" >&2
  exit 2
fi

for scale in "${SCALES[@]}"; do
  export_dir="$WORK/s$scale/export"
  if [ -n "$EXPORTS" ] && [ -d "$EXPORTS/s$scale/export" ]; then
    export_dir="$EXPORTS/s$scale/export"
    until [ -f "$export_dir/.done" ]; do
      echo "bench/scaling: waiting for $export_dir/.done" >&2
      sleep 30
    done
  elif [ ! -f "$export_dir/opportunities.csv" ]; then
    "$SPARK_HOME/bin/spark-submit" --master 'local[1]' --driver-memory 2g --class io.salescope.forecasting.cli.SalescopeJobs \
      "$JAR" --today "$TODAY" generate --out "$export_dir" --scale "$scale" --seed 42 >"$OUT/generate-s$scale.log" 2>&1
  fi
  records=0
  for f in "$export_dir"/*.csv; do records=$((records + $(wc -l <"$f") - 1)); done
  DATA="${SCALING_DATA:-$WORK/s$scale/data-$LABEL}"
  case " ${STAGES[*]} " in
    *" ingest "*) rm -rf "$DATA" ;;
    *) [ -f "$DATA/warehouse/CURRENT" ] || { echo "bench/scaling: no warehouse in $DATA to continue; run ingest first" >&2; exit 2; } ;;
  esac
  mkdir -p "$DATA"
  DATA="$(cd "$DATA" && pwd)"   # file:// needs an absolute path
  big=true
  for stage in "${STAGES[@]}"; do
    args=("$stage")
    [ "$stage" = ingest ] && args+=("$export_dir" --full)
    ok=false
    for heap in "${HEAPS[@]}"; do
      EVENTS="$WORK/s$scale/events-$LABEL-$stage-$heap"
      rm -rf "$EVENTS"
      mkdir -p "$EVENTS"
      log="$OUT/$LABEL-s$scale-$stage-$heap.log"
      [ "$big" = true ] && echo "scale $scale $stage, heap $heap: waiting for /tmp/salescope-bigrun.lock" >&2
      status=0
      if [ "$big" = true ]; then
        # Held for the whole stage; the other benchmarks' big runs take the same lock.
        exec 9>/tmp/salescope-bigrun.lock
        flock 9
        load_before="$(cut -d' ' -f1 /proc/loadavg)"
        started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        avail=$(free -g | awk '/Mem:/{print $7}')
        if [ "$scale" -ge 50 ] && [ "$avail" -lt 14 ]; then
          echo "only $avail GiB available; a scale-$scale stage needs 14" >&2
          status=75
        else
          submit "$heap" "$log" "${args[@]}" || status=$?
        fi
        flock -u 9
        exec 9>&-
      else
        load_before="$(cut -d' ' -f1 /proc/loadavg)"
        started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        submit "$heap" "$log" "${args[@]}" || status=$?
      fi
      load_after="$(cut -d' ' -f1 /proc/loadavg)"
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log.time" 2>/dev/null || echo 0)
      rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$log.time" 2>/dev/null || echo 0)
      ev="$(python3 "$ROOT/bench/scaling/eventlog.py" "$EVENTS" 2>/dev/null || echo '{}')"
      read -r peak_heap spilled gc tasks < <(python3 -c '
import json,sys; e=json.loads(sys.argv[1] or "{}")
print(round(e.get("peak_jvm_heap_bytes",0)/2**20), round((e.get("memory_spilled_bytes",0))/2**20), round(e.get("gc_ms",0)/1000,1), e.get("tasks",0))' "$ev")
      result=ok
      [ $status -eq 0 ] || result="failed($status)"
      [ $status -eq 124 ] && result="timeout(${SCALING_TIMEOUT}s)"
      grep -q "OutOfMemoryError" "$log" && result="$result,OOM"
      rows_per_s=$(awk -v r="$records" -v w="$wall" 'BEGIN{ if (w > 0) printf "%.0f", r / w; else print 0 }')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scale" "$stage" "$heap" "$result" "$wall" "$rss" \
        "$peak_heap" "$spilled" "$gc" "$tasks" "$records" "$rows_per_s" "$load_before" "$load_after" "$started" | tee -a "$RESULTS"
      if [ $status -eq 0 ]; then ok=true; break; fi
      [ $status -ne 124 ] || break
    done
    [ "$ok" = true ] || { echo "scale $scale: $stage failed with every heap in '${HEAPS[*]}'; see $OUT" >&2; break; }
  done
done
