#!/usr/bin/env bash
# Runs every benchmark: the Google Benchmark programs in BUILD_DIR (the PostgreSQL one
# against a throwaway local server), then the end-to-end scripts. Figures go to stdout
# and bench/results/ (JSON); copy them, with the machine and the date, into
# docs/BENCHMARKS.md.
set -euo pipefail
build=${1:-build-bench}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/results"
# As the storepulse binary does for itself (src/cli/main.cc): XGBoost's OpenMP threads
# wait passively instead of spinning.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
pg_dir=$(mktemp -d)
trap '"$here/../scripts/pg-test-server.sh" stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
STOREPULSE_BENCH_PG_URL=$("$here/../scripts/pg-test-server.sh" start "$pg_dir")
export STOREPULSE_BENCH_PG_URL
for program in "$build"/*_benchmark; do
  [ -x "$program" ] || continue
  name=$(basename "$program")
  echo "== $name"
  "$program" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$here/results/$name.json" --benchmark_out_format=json
done
"$here/profile_e2e.sh" "$build/storepulse"
"$here/scale_e2e.sh" "$build/storepulse"
"$here/ml_e2e.sh" "$build/storepulse"
# 1 M, 10 M and 100 M rows through batch: about 5 minutes and 13 GB of disk.
if [ "${BENCH_SCALE:-1}" = "1" ]; then
  "$here/batch_scale_e2e.sh" "$build/storepulse"
fi
"$here/http_e2e.sh" "$build"
