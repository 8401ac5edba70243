#!/usr/bin/env bash
# Assembles a Spark distribution (SPARK_HOME) from Maven Central: jars/ holds spark-sql and
# spark-mllib at the root POM's spark.version with the dependency versions Spark itself
# declares (as a downloaded Spark ships them), bin/ the spark-class and spark-submit wrappers
# around Spark's own launcher, conf/ a quiet log4j2 configuration. Idempotent: an existing
# SPARK_HOME for the same version is reused.
#
# usage: bench/cluster/spark-home.sh [SPARK_HOME]    (default bench/work/spark-home); prints SPARK_HOME
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/cluster"
SPARK_HOME="${1:-$ROOT/bench/work/spark-home}"
VERSION="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
[ -n "$VERSION" ] || { echo "spark-home.sh: no <spark.version> in $ROOT/pom.xml" >&2; exit 2; }

MARK="Spark $VERSION, Scala 2.13 (assembled by bench/cluster/spark-home.sh)"
if [ ! -f "$SPARK_HOME/RELEASE" ] || [ "$(cat "$SPARK_HOME/.assembled" 2>/dev/null || true)" != "$MARK" ]; then
  rm -rf "$SPARK_HOME.tmp"
  mkdir -p "$SPARK_HOME.tmp/jars"
  mvn -B -q -Dstyle.color=never -f "$HERE/spark-home.pom.xml" dependency:copy-dependencies -Dspark.version="$VERSION" \
      -DincludeScope=runtime -DoutputDirectory="$SPARK_HOME.tmp/jars" >&2
  cp -r "$HERE/spark-bin" "$SPARK_HOME.tmp/bin"
  cp -r "$HERE/conf" "$SPARK_HOME.tmp/conf"
  # Spark's launcher takes jars/ from SPARK_HOME when a RELEASE file is there (a distribution's
  # layout; its content is not read), else from a source tree's assembly/target.
  : > "$SPARK_HOME.tmp/RELEASE"
  echo "$MARK" > "$SPARK_HOME.tmp/.assembled"
  rm -rf "$SPARK_HOME"
  mv "$SPARK_HOME.tmp" "$SPARK_HOME"
fi
echo "$SPARK_HOME"
