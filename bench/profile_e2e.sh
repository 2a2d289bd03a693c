#!/usr/bin/env bash
# End to end on the real export: `storepulse profile` and `storepulse batch` against
# `cat FILE > /dev/null` (the floor: reading the bytes) and their pandas peers (the
# prototype's data_analysis.py and daily_processor.py), timed by hyperfine in one
# invocation. Ratios are of whole-process wall times (medians).
#   bench/profile_e2e.sh [STOREPULSE_BINARY] [FILE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-build/storepulse}
# Resolved: the path goes into every row of quarantine.csv, and "bench/../.." is no
# path a user would type.
file=$(realpath -m "${2:-$here/../../shared/data/OnlineRetail.csv}")
out="$here/results/profile_e2e.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$here/results"
[ -f "$file" ] || { echo "profile_e2e: $file is absent; skipped"; exit 0; }
bytes=$(stat -c %s "$file")
rows=$("$bin" profile --input "$file" --format json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["rows_read"])')
hyperfine --warmup 3 --runs 20 --export-json "$out" \
  -n cat "cat '$file' > /dev/null" \
  -n storepulse "'$bin' profile --input '$file' --format json > /dev/null" \
  -n pandas-read_csv "/usr/bin/python3 '$here/peers/pandas_profile.py' --read-only '$file' > /dev/null" \
  -n pandas-profile "/usr/bin/python3 '$here/peers/pandas_profile.py' '$file' > /dev/null" \
  -n storepulse-batch "'$bin' batch --input '$file' --out '$work' --warehouse none > /dev/null" \
  -n storepulse-batch-sqlite "rm -f '$work/bench.db'* && '$bin' batch --input '$file' --out '$work' --warehouse 'sqlite://$work/bench.db' > /dev/null" \
  -n pandas-batch "/usr/bin/python3 '$here/peers/pandas_batch.py' '$file' '$work/pandas' > /dev/null" \
  >/dev/null
/usr/bin/python3 - "$out" "$bytes" "$rows" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
size, rows = int(sys.argv[2]), int(sys.argv[3])
sp = results["storepulse"]["median"]
print(f"profile end to end, {size/1e6:.1f} MB, {rows:,} rows (median of 20 runs)")
print(f"{'command':<24}{'median s':>10}{'MB/s':>10}{'rows/s':>14}{'vs storepulse':>15}")
for name, r in results.items():
    m = r["median"]
    print(f"{name:<24}{m:>10.4f}{size/1e6/m:>10.0f}{rows/m:>14,.0f}{m/sp:>14.1f}x")
PY
