#!/usr/bin/env bash
# The reminders benchmark (not a test): builds the bot's test classes, compiles the harness
# against them, and runs it. Arguments go to RemindersBenchmark (see README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/bench/reminders/target"
mkdir -p "$OUT/classes"
(cd "$ROOT" && mvn -B -q -o -pl bot -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$OUT/deps.classpath" -Dmdep.includeScope=test)
# The reactor's own modules by their classes, as the launcher does.
CP="$ROOT/bot/target/test-classes:$ROOT/bot/target/classes:$(sed -e "s#[^:]*salescope-\(core\|warehouse\|ingest\)-[^:]*\.jar#$ROOT/\1/target/classes#g" "$OUT/deps.classpath")"
javac -d "$OUT/classes" -cp "$CP" $(find "$ROOT/bench/reminders/src" -name '*.java')
cd "$ROOT"
exec java -Xmx${BENCH_MEMORY:-8g} -Duser.timezone=UTC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$OUT/classes:$CP" io.salescope.bench.reminders.RemindersBenchmark --work "$OUT/work" "$@"
