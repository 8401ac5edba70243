#!/usr/bin/env bash
# A Spark standalone cluster on loopback: one master and two workers, each its own JVM started
# from the assembled SPARK_HOME (bench/cluster/spark-home.sh). Executors are JVMs the workers
# start per application. Every PID is recorded in the state directory; stop kills exactly
# those (and the executors they started), nothing found by name.
#
# usage: bench/cluster/cluster.sh start|stop|status [STATE_DIR]    (default bench/work/cluster/default)
#   SPARK_HOME               default: assembled by bench/cluster/spark-home.sh
#   CLUSTER_MASTER_PORT      default 7077 (0: a free port)
#   CLUSTER_WORKERS          default 2
#   CLUSTER_WORKER_CORES     default 1
#   CLUSTER_WORKER_MEMORY    default 2g (what the worker offers to executors)
# start prints the master URL; STATE_DIR/master-url holds it too.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ACTION="${1:-}"
STATE="$(mkdir -p "${2:-$ROOT/bench/work/cluster/default}" && cd "${2:-$ROOT/bench/work/cluster/default}" && pwd)"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
export SPARK_DAEMON_MEMORY="${SPARK_DAEMON_MEMORY:-512m}"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

ui_json() {
  curl -fsS --max-time 5 "http://127.0.0.1:$(cat "$STATE/master-ui-port")/json/" 2>/dev/null || true
}

start() {
  if alive "$STATE/master.pid"; then
    echo "cluster.sh: a master from $STATE is running (PID $(cat "$STATE/master.pid")); stop it first" >&2
    exit 1
  fi
  SPARK_HOME="${SPARK_HOME:-$("$ROOT/bench/cluster/spark-home.sh")}"
  export SPARK_HOME
  local port="${CLUSTER_MASTER_PORT:-7077}"
  [ "$port" != 0 ] || port="$(free_port)"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "cluster.sh: port $port on 127.0.0.1 is taken; set CLUSTER_MASTER_PORT (0 = a free port)" >&2
    exit 1
  fi
  rm -f "$STATE"/*.pid
  free_port >"$STATE/master-ui-port"
  echo "spark://127.0.0.1:$port" >"$STATE/master-url"
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$(cat "$STATE/master-ui-port")" >"$STATE/master.log" 2>&1 &
  echo $! >"$STATE/master.pid"
  local i
  for i in $(seq 1 "${CLUSTER_WORKERS:-2}"); do
    mkdir -p "$STATE/worker-$i/work" "$STATE/worker-$i/local"
    SPARK_LOCAL_DIRS="$STATE/worker-$i/local" "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --port "$(free_port)" --webui-port "$(free_port)" \
      --cores "${CLUSTER_WORKER_CORES:-1}" --memory "${CLUSTER_WORKER_MEMORY:-2g}" \
      --work-dir "$STATE/worker-$i/work" "spark://127.0.0.1:$port" >"$STATE/worker-$i.log" 2>&1 &
    echo $! >"$STATE/worker-$i.pid"
  done
  # Ready when the master's status page lists every worker as alive.
  local waited=0 want="${CLUSTER_WORKERS:-2}"
  until [ "$(ui_json | python3 -c 'import json,sys
try: print(json.load(sys.stdin).get("aliveworkers", 0))
except ValueError: print(0)')" -ge "$want" ]; do
    for f in "$STATE"/*.pid; do
      alive "$f" || { echo "cluster.sh: $(basename "$f" .pid) exited; its log:" >&2; tail -n 30 "${f%.pid}.log" >&2; stop; exit 1; }
    done
    waited=$((waited + 1))
    if [ $waited -gt 180 ]; then
      echo "cluster.sh: the workers did not register with the master within 180 s; see $STATE/*.log" >&2
      stop
      exit 1
    fi
    sleep 1
  done
  cat "$STATE/master-url"
}

stop() {
  local pids=() f p
  for f in "$STATE"/worker-*.pid "$STATE"/master.pid; do
    [ -f "$f" ] || continue
    p="$(cat "$f")"
    kill -0 "$p" 2>/dev/null || { rm -f "$f"; continue; }
    pids+=("$p")
    # Executors are the workers' child processes; they are ours too.
    for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do pids+=("$c"); done
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  local waited=0
  while [ $waited -lt 20 ]; do
    local left=()
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left+=("$p"); done
    [ ${#left[@]} -gt 0 ] || break
    sleep 1
    waited=$((waited + 1))
  done
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null || true; done
  rm -f "$STATE"/*.pid
}

status() {
  local f
  for f in "$STATE"/master.pid "$STATE"/worker-*.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then echo "$(basename "$f" .pid): running, PID $(cat "$f")"; else echo "$(basename "$f" .pid): not running"; fi
  done
  [ -f "$STATE/master-url" ] && echo "master: $(cat "$STATE/master-url"), status page http://127.0.0.1:$(cat "$STATE/master-ui-port")/"
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: bench/cluster/cluster.sh start|stop|status [STATE_DIR]" >&2; exit 2 ;;
esac
