# Shared by benchmark harnesses such as bench/ingest (sourced, not run).
# Builds the launcher classpaths and the test classes the benchmark mains live in, and
# describes the machine. The JVM flags are the launcher's own (read from ./salescope), so a
# benchmark JVM runs exactly as `salescope ingest` / `salescope serve` would.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
BENCH_EXPORTS="${BENCH_EXPORTS:-/work/benchdata}"
BENCH_WORK="${BENCH_WORK:-$ROOT/bench/work}"
BENCH_TODAY="${BENCH_TODAY:-2026-06-30}"

eval "$(sed -n '/^SPARK_FLAGS=(/,/)$/p' "$ROOT/salescope")"

# Compiles main and test classes (test scope holds the benchmark mains) without installing.
bench_build() {
  "$ROOT/salescope" build-only
  (cd "$ROOT" && mvn -B -q -o -DskipTests test-compile -pl "$1" -am) >"$ROOT/target/bench-build.log" 2>&1 \
    || { tail -n 40 "$ROOT/target/bench-build.log" >&2; echo "bench: build failed" >&2; exit 2; }
}

jobs_classpath() {
  printf '%s' "$ROOT/ingest/target/test-classes:$ROOT/warehouse/target/test-classes:$(cat "$ROOT/target/launcher/jobs.classpath")"
}

# A copy of the worktree's compiled classes taken now, and jobs_classpath with it in their
# place: a harness that waits for the big-run lock measures the build it started with, even if
# the worktree is rebuilt meanwhile. Prints the classpath; the copy is under $1.
snapshot_jobs_classpath() {
  local dir="$1" cp="" entry copy
  rm -rf "$dir"
  mkdir -p "$dir"
  IFS=: read -r -a entries <<<"$(jobs_classpath)"
  for entry in "${entries[@]}"; do
    if [ -d "$entry" ] && [[ "$entry" == "$ROOT"/* ]]; then
      copy="$dir/$(echo "${entry#"$ROOT"/}" | tr / _)"
      [ -d "$copy" ] || cp -r "$entry" "$copy"
      entry="$copy"
    fi
    cp="${cp:+$cp:}$entry"
  done
  printf '%s' "$cp"
}

service_classpath() {
  printf '%s' "$ROOT/bot/target/test-classes:$ROOT/warehouse/target/test-classes:$(cat "$ROOT/target/launcher/service.classpath")"
}

machine() {
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -r)"
  echo "java: $(java -version 2>&1 | head -1)"
}

loadavg() {
  cut -d' ' -f1-3 /proc/loadavg
}

# Refuses to start a big run with less than $1 GiB of memory available.
need_memory() {
  local avail
  avail=$(free -g | awk '/Mem:/{print $7}')
  if [ "$avail" -lt "$1" ]; then
    echo "bench: only $avail GiB available, $1 GiB needed; wait for other JVMs to finish" >&2
    exit 3
  fi
}

# The demo export of scale $1 (seed 42, BENCH_TODAY): the pre-generated one under
# BENCH_EXPORTS/sSCALE/export once its .done marker exists (waits while it is being written),
# else one generated once under BENCH_WORK. Prints its folder.
bench_export() {
  local scale="$1" shared="$BENCH_EXPORTS/s$1/export" own="$BENCH_WORK/export-s$1"
  if [ -d "$shared" ]; then
    while [ ! -f "$shared/.done" ]; do
      echo "bench: waiting for $shared/.done" >&2
      sleep 30
    done
    printf '%s' "$shared"
    return
  fi
  if [ ! -f "$own/.done" ]; then
    rm -rf "$own"
    "$ROOT/salescope" --today "$BENCH_TODAY" generate --out "$own" --scale "$scale" --seed 42 >&2
    touch "$own/.done"
  fi
  printf '%s' "$own"
}
