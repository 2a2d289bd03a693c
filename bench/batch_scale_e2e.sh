#!/usr/bin/env bash
# Scale: `storepulse batch --warehouse none` on 1 M, 10 M and 100 M generated order
# lines: wall time, phases (from batch.log), peak memory (RSS, /usr/bin/time) and how
# they grow with the input. Needs ~13 GB of free disk for 100 M (8.4 GB of CSV, 4 GB of
# quarantine.csv); the files are removed afterwards.
#   bench/batch_scale_e2e.sh [STOREPULSE_BINARY] [ROWS...]     (default 1M 10M 100M)
#   WORK=/big/disk/dir to put the files elsewhere than $TMPDIR; RUNS=3 runs per size
#   (the median is reported).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-build/storepulse}")
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000 100000000)
runs=${RUNS:-3}
work=$(mktemp -d "${WORK:-${TMPDIR:-/tmp}}/storepulse-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$here/results"
results="$here/results/batch_scale.tsv"
printf 'rows\tfile_mb\tclean\twall_s\tread_s\tanalytics_s\treports_s\tpeak_mb\n' > "$results"
for rows in "${sizes[@]}"; do
  file="$work/generated.csv"
  "$bin" generate --rows "$rows" --seed 7 --output "$file" > /dev/null
  bytes=$(stat -c %s "$file")
  for run in $(seq "$runs"); do
    rm -rf "$work/out"
    /usr/bin/time -f '%e %M' -o "$work/time" \
      "$bin" batch --input "$file" --warehouse none --out "$work/out" > /dev/null
    read -r wall peak_kb < "$work/time"
    # Phase ends, in seconds since the start, as batch.log records them.
    phases=$(grep -oE '\(([0-9.]+) s\)' "$work/out/batch.log" | tr -d '() s' | head -3 | paste -sd' ')
    read -r read_end analytics_end reports_end <<< "$phases"
    clean=$(grep -oE '[0-9]+ clean' "$work/out/batch.log" | head -1 | cut -d' ' -f1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rows" "$((bytes / 1000000))" \
      "$clean" "$wall" "$read_end" "$analytics_end" "$reports_end" \
      "$((peak_kb / 1000))" >> "$results"
  done
  rm -f "$file"
  rm -rf "$work/out"
done
/usr/bin/python3 - "$results" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by_size = {}
for r in rows:
    by_size.setdefault(int(r["rows"]), []).append(r)
print("batch --warehouse none on generated data (median of the runs per size)")
print(f"{'rows':>12}{'file MB':>9}{'wall s':>8}{'read':>7}{'analytics':>10}{'reports':>8}"
      f"{'peak MB':>9}{'M rows/s':>9}{'B/row':>7}")
previous = None
for size in sorted(by_size):
    runs = by_size[size]
    med = lambda key: statistics.median(float(r[key]) for r in runs)
    wall, peak = med("wall_s"), med("peak_mb")
    read, analytics, reports = med("read_s"), med("analytics_s"), med("reports_s")
    print(f"{size:>12,}{float(runs[0]['file_mb']):>9.0f}{wall:>8.2f}{read:>7.2f}"
          f"{analytics - read:>10.2f}{reports - analytics:>8.2f}{peak:>9.0f}"
          f"{size / wall / 1e6:>9.2f}{peak * 1e6 / size:>7.0f}")
    if previous:
        print(f"{'':>12}  x{size / previous[0]:.0f} rows: wall x{wall / previous[1]:.1f}, "
              f"peak memory x{peak / previous[2]:.1f}")
    previous = (size, wall, peak)
PY
