#!/usr/bin/env bash
# Proof that the Spark jobs run unchanged on a real Spark cluster: builds the job jar,
# assembles SPARK_HOME from Maven Central, starts a standalone master and two workers on
# loopback (unique ports and directories), runs ingest + build + forecast of the dev fixture
# with spark-submit on the cluster (executors in their own JVMs) and in local mode, and
# compares every table of the two final published versions. Exits 0 only if they match.
# Everything it started is stopped by PID, and its directory removed, on any exit.
#
# usage: bench/cluster/run.sh [--keep] [--launcher] [EXPORT_DIR]
#   EXPORT_DIR   default: the dev fixture, shared/fixtures/dev-crm ($SALESCOPE_SHARED, else shared/
#                beside the repository or a parent)
#   --keep       keep the run directory (data, logs, event logs) for inspection
#   --launcher   also run `salescope run --master spark://...` (the launcher, driver outside
#                spark-submit) on the cluster and compare its warehouse too
# Timings and the comparison go to stdout and bench/out/cluster.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/cluster"
KEEP=false
LAUNCHER=false
EXPORT=""
for a in "$@"; do
  case "$a" in
    --keep) KEEP=true ;;
    --launcher) LAUNCHER=true ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) EXPORT="$a" ;;
  esac
done
if [ -z "$EXPORT" ]; then
  # The shared folder as the tests find it: $SALESCOPE_SHARED, else shared/ beside the
  # repository or one of its parents.
  SHARED="${SALESCOPE_SHARED:-}"
  d="$ROOT"
  while [ -z "$SHARED" ] && [ "$d" != / ]; do
    d="$(dirname "$d")"
    [ -d "$d/shared/fixtures" ] && SHARED="$d/shared"
  done
  EXPORT="${SHARED:-$ROOT/../shared}/fixtures/dev-crm"
fi
[ -f "$EXPORT/opportunities.csv" ] || { echo "bench/cluster: no export at $EXPORT (set SALESCOPE_SHARED or pass EXPORT_DIR)" >&2; exit 2; }
EXPORT="$(cd "$EXPORT" && pwd)"
TODAY=2026-06-30
OUT="$ROOT/bench/out/cluster.txt"
mkdir -p "$ROOT/bench/work/cluster" "$(dirname "$OUT")"
RUN="$(mktemp -d "$ROOT/bench/work/cluster/run-$(date -u +%Y%m%dT%H%M%SZ)-XXXX")"

cleanup() {
  local status=$?
  "$HERE/cluster.sh" stop "$RUN/cluster" || true
  if [ "$KEEP" = true ]; then
    echo "bench/cluster: kept $RUN" >&2
  else
    rm -rf "$RUN"
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export SPARK_LOCAL_IP=127.0.0.1
log() { echo "bench/cluster: $*" | tee -a "$OUT"; }
: >"$OUT"
log "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
T0=$(date +%s)

log "building the job jar (mvn package -pl forecasting -am)"
(cd "$ROOT" && mvn -B -q -DskipTests package -pl forecasting -am) >"$RUN/build.log" 2>&1 \
  || { tail -n 40 "$RUN/build.log" >&2; exit 1; }
JAR="$ROOT/forecasting/target/salescope-jobs.jar"
if unzip -l "$JAR" | grep -q -E ' (org/apache/spark|scala|org/apache/hadoop)/'; then
  echo "bench/cluster: $JAR contains Spark, Scala or Hadoop classes; they must be provided by the cluster" >&2
  exit 1
fi
SPARK_HOME="$("$HERE/spark-home.sh")"
export SPARK_HOME
DUCKDB_VERSION="$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
(cd "$ROOT" && mvn -B -q dependency:copy -Dartifact="org.duckdb:duckdb_jdbc:$DUCKDB_VERSION" \
  -DoutputDirectory="$RUN/tools") >>"$RUN/build.log" 2>&1 || { tail -n 20 "$RUN/build.log" >&2; exit 1; }
T_BUILD=$(($(date +%s) - T0))

log "starting a standalone master and 2 workers (1 core, 2 GiB each) on 127.0.0.1"
t=$(date +%s)
MASTER="$(CLUSTER_MASTER_PORT=0 "$HERE/cluster.sh" start "$RUN/cluster")"
log "cluster up at $MASTER in $(($(date +%s) - t)) s"

# The same settings in both modes, so partition-dependent results can match: 2 task slots
# (local[2] = 2 executors x 1 core), 2 default partitions, 8 shuffle partitions.
COMMON=(--driver-memory 2g --conf spark.default.parallelism=2 --conf spark.sql.shuffle.partitions=8
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1
  --conf spark.eventLog.enabled=true --conf spark.eventLog.compress=false --conf spark.eventLog.rolling.enabled=false
  --conf spark.eventLog.logStageExecutorMetrics=true)
export SALESCOPE_PROGRESS=plain

pipeline() { # label, master, extra spark-submit options...
  local label="$1" master="$2"
  shift 2
  local data="$RUN/$label-data" events="$RUN/$label-events"
  mkdir -p "$events"
  local stage t
  for stage in ingest build forecast; do
    local args=("$stage")
    [ "$stage" = ingest ] && args+=("file://$EXPORT")
    t=$(date +%s)
    mkdir -p "$events/$stage"
    # /usr/bin/time: the driver's peak RSS (spark-class execs the JVM); the event log: the executors' peak heap.
    if ! /usr/bin/time -f %M -o "$RUN/$label-$stage.rss" \
        "$SPARK_HOME/bin/spark-submit" --master "$master" "${COMMON[@]}" --conf "spark.eventLog.dir=file://$events/$stage" "$@" \
        --class io.salescope.forecasting.cli.SalescopeJobs "$JAR" \
        --data "file://$data" --today "$TODAY" "${args[@]}" >"$RUN/$label-$stage.log" 2>&1; then
      tail -n 40 "$RUN/$label-$stage.log" >&2
      log "$label: $stage FAILED; log above"
      exit 1
    fi
    # Executors report their heap with their heartbeats; a local-mode run that short may log none.
    local heap=""
    case "$master" in
      spark://*) heap=", executors' peak JVM heap $(python3 "$ROOT/bench/scaling/eventlog.py" "$events/$stage" \
        | python3 -c 'import json, sys; print(round(json.load(sys.stdin)["peak_jvm_heap_bytes"] / 2**20))') MiB" ;;
    esac
    log "$label: $stage $(($(date +%s) - t)) s, driver peak RSS $(($(tail -n 1 "$RUN/$label-$stage.rss") / 1024)) MiB$heap"
  done
}

t=$(date +%s)
pipeline cluster "$MASTER" --executor-memory 1g --executor-cores 1 --total-executor-cores 2
T_CLUSTER=$(($(date +%s) - t))

# Proof the work ran in the workers' executor JVMs: each worker started an executor process
# for the applications, and the tasks of the event logs ran on executors, none on the driver.
executors=$(find "$RUN"/cluster/worker-*/work -mindepth 2 -maxdepth 2 -type d | wc -l)
read -r tasks on_driver < <(python3 "$ROOT/bench/scaling/eventlog.py" "$RUN/cluster-events" \
  | python3 -c 'import json, sys; e = json.load(sys.stdin); print(e["tasks"], e["tasks_on_driver"])')
log "cluster: $tasks tasks on executors of $executors executor JVMs started by the workers; $on_driver on the driver"
if [ "$executors" -lt 2 ] || [ "$tasks" -eq 0 ] || [ "$on_driver" -ne 0 ]; then
  log "the cluster run did not use separate executor JVMs as expected"
  exit 1
fi

if [ "$LAUNCHER" = true ]; then
  t=$(date +%s)
  if ! SALESCOPE_JOBS_MEMORY=2g SALESCOPE_JAVA_OPTS="-Dspark.driver.host=127.0.0.1 -Dspark.executor.memory=1g -Dspark.cores.max=2 -Dspark.default.parallelism=2" \
      SALESCOPE_SHUFFLE_PARTITIONS=8 "$ROOT/salescope" --data "file://$RUN/launcher-data" --today "$TODAY" \
      run --master "$MASTER" "file://$EXPORT" >"$RUN/launcher-run.log" 2>&1; then
    tail -n 40 "$RUN/launcher-run.log" >&2
    log "launcher: salescope run --master $MASTER FAILED; log above"
    exit 1
  fi
  log "launcher: salescope run --master $MASTER $(($(date +%s) - t)) s"
fi

t=$(date +%s)
pipeline local 'local[2]'
T_LOCAL=$(($(date +%s) - t))

log "comparing every table of the current version: local (expected) vs cluster (actual)"
status=0
java -cp "$RUN/tools/*" "$HERE/CompareWarehouses.java" "$RUN/local-data" "$RUN/cluster-data" | tee -a "$OUT" || status=$?
if [ "$LAUNCHER" = true ] && [ $status -eq 0 ]; then
  log "comparing local (expected) vs the launcher's cluster run (actual)"
  java -cp "$RUN/tools/*" "$HERE/CompareWarehouses.java" "$RUN/local-data" "$RUN/launcher-data" | tee -a "$OUT" || status=$?
fi
log "build ${T_BUILD} s, cluster pipeline ${T_CLUSTER} s, local pipeline ${T_LOCAL} s, total $(($(date +%s) - T0)) s; load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ $status -eq 0 ]; then
  log "PASSED: the cluster's warehouse matches local mode's"
else
  log "FAILED: the warehouses differ (exit $status)"
fi
exit $status
