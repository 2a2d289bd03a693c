#!/usr/bin/env bash
# Runs every libFuzzer target (*_fuzz) in BUILD_DIR for SECONDS each, starting from a
# copy of fuzz/corpus/ (the seeds stay unchanged), and prints one line per target.
# Exits non-zero when a target crashed, timed out or hit undefined behaviour; the input
# that did it is kept in BUILD_DIR/fuzz-artifacts/ and the full log beside it.
#   fuzz/run.sh build-fuzz 60
# Reproduce a finding with: BUILD_DIR/<target> BUILD_DIR/fuzz-artifacts/<target>/crash-...
# Seeds: the first byte of each is the CSV reader's chunk size minus one; the rest is a
# CSV file (the cleaning target reads each line of it as one row).
set -uo pipefail

if [[ $# -ne 2 || ! "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build_dir=$1
seconds=$2
seeds="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/corpus"

shopt -s nullglob
targets=("$build_dir"/*_fuzz)
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "fuzz/run.sh: no *_fuzz programs in $build_dir (configure with -DSTOREPULSE_FUZZ=ON)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/storepulse-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts_root="$build_dir/fuzz-artifacts"
mkdir -p "$artifacts_root"

# Undefined behaviour is a finding too: stop at the first report instead of going on.
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"

failed=0
for target in "${targets[@]}"; do
  [[ -x "$target" && -f "$target" ]] || continue
  name=$(basename "$target")
  corpus="$work/$name"
  artifacts="$artifacts_root/$name"
  log="$artifacts_root/$name.log"
  mkdir -p "$corpus" "$artifacts"
  cp "$seeds"/* "$corpus"/
  "$target" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1
  status=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n 1)
  coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
  units=$(find "$corpus" -type f | wc -l)
  if [[ $status -eq 0 ]]; then
    echo "$name: ok: ${runs:-?} runs in ${seconds}s, coverage ${coverage:-?} edges, corpus $units inputs"
  else
    failed=1
    finding=$(grep -oE "(Test unit written to|written to) [^ ]+" "$log" | tail -n 1 | awk '{print $NF}')
    # The sanitizer's own words first (they name the fault), libFuzzer's verdict last.
    kind=$(grep -m 1 -oE "runtime error: .*" "$log")
    [[ -z "$kind" ]] && kind=$(grep -m 1 -oE "ERROR: AddressSanitizer: [^ ]+( [^ ]+)?" "$log")
    [[ -z "$kind" ]] && kind=$(grep -m 1 -oE "ERROR: libFuzzer: .*" "$log")
    # The innermost frame in storepulse's own code.
    where=$(grep -m 1 -oE "/(src|fuzz)/[^ ]+:[0-9]+(:[0-9]+)?" "$log" | sed -E 's|^/||')
    echo "$name: FAILED (exit $status) after ${runs:-?} runs: ${kind:-see log}" \
      "${where:+at $where }- input: ${finding:-none}; log: $log"
  fi
done
exit $failed
