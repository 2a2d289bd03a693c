#!/usr/bin/env bash
# Scale: generate 10 M rows, then profile them; rows/s, MB/s, peak memory and the
# table's bytes per line, with `cat > /dev/null` of the same file as the floor.
#   bench/scale_e2e.sh [STOREPULSE_BINARY] [ROWS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-build/storepulse}
rows=${2:-10000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/generated.csv"
out="$here/results/scale_e2e.json"
mkdir -p "$here/results"
hyperfine --warmup 1 --runs 5 --export-json "$here/results/generate_e2e.json" \
  -n generate "'$bin' generate --rows $rows --seed 7 --output '$file' > /dev/null" >/dev/null
bytes=$(stat -c %s "$file")
hyperfine --warmup 1 --runs 5 --export-json "$out" \
  -n cat "cat '$file' > /dev/null" \
  -n profile "'$bin' profile --input '$file' --format json > /dev/null" >/dev/null
/usr/bin/time -f '%M' -o "$work/peak_kb" "$bin" profile --input "$file" --format json > "$work/profile.json"
/usr/bin/python3 - "$here/results/generate_e2e.json" "$out" "$bytes" "$rows" "$work/peak_kb" "$work/profile.json" <<'PY'
import json, sys
gen = json.load(open(sys.argv[1]))["results"][0]["median"]
prof = {r["command"]: r["median"] for r in json.load(open(sys.argv[2]))["results"]}
size, rows = int(sys.argv[3]), int(sys.argv[4])
peak_kb = int(open(sys.argv[5]).read().split()[-1])
p = json.load(open(sys.argv[6]))
print(f"scale: {rows:,} generated rows, {size/1e6:.0f} MB (median of 5 runs)")
print(f"  generate   {gen:.3f} s  {rows/gen/1e6:.2f} M rows/s  {size/1e6/gen:.0f} MB/s")
print(f"  cat        {prof['cat']:.3f} s  {size/1e6/prof['cat']:.0f} MB/s")
print(f"  profile    {prof['profile']:.3f} s  {size/1e6/prof['profile']:.0f} MB/s  "
      f"{rows/prof['profile']/1e6:.2f} M rows/s  ({prof['profile']/prof['cat']:.1f}x cat)")
print(f"  clean lines {p['lines']:,}; table {p['table_bytes']/1e6:.0f} MB = "
      f"{p['table_bytes_per_line']:.1f} bytes/line; process peak RSS {peak_kb/1e3:.0f} MB")
PY
