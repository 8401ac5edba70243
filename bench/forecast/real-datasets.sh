#!/usr/bin/env bash
# The forecasting backtest on public data (../shared/datasets): IT-consulting and Salvirt for
# win probability, Superstore monthly sales for bookings. About 10 minutes on 2 cores.
# Figures: forecasting/target/real-datasets.json (see docs/forecasting.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mvn -B -pl forecasting -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=RealDatasetsIT -Dfailsafe.excludedGroups=none -Dfailsafe.failIfNoSpecifiedTests=false
cat forecasting/target/real-datasets.json
