#!/usr/bin/env bash
# The HTTP service under load, with wrk on loopback (sharing the machine's cores with the
# server): POST /predict and GET /api/v1/daily at 1, 16 and 64 keep-alive connections,
# POST /predict/batch with 10,000 items, and the prototype's stack (Flask + scikit-learn,
# bench/peers/flask_predict.py) on POST /predict in the same run.
#   bench/http_e2e.sh [BUILD_DIR] [DATA.csv]
# Environment: DURATION per wrk run (default 30s; e.g. DURATION=5s for a trial),
# FLASK_TRAIN_ROWS (default: all clean lines) to cap the peer's training sample,
# MODELS=DIR to serve models `storepulse train` already made from DATA (else it trains).
# BUILD_DIR needs storepulse and, while `serve` cannot load a trained model (no
# `storepulse train` in this build), stub_predictor_server (cmake -DSTOREPULSE_BENCH=ON).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
file=${2:-$here/../../shared/data/OnlineRetail.csv}
duration=${DURATION:-30s}
bin="$build/storepulse"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$here/results"
out="$here/results/http_e2e.txt"

if [ ! -f "$file" ]; then
  echo "http_e2e: $file is absent; using a generated sample of 500,000 rows"
  file="$work/sample.csv"
  "$bin" generate --rows 500000 --seed 42 --output "$file" >/dev/null
fi

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {  # URL STATUS SECONDS
  for _ in $(seq 1 $(( $3 * 10 ))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = "$2" ] && return 0
    sleep 0.1
  done
  echo "http_e2e: $1 did not answer $2 within $3 s" >&2
  return 1
}

warehouse="sqlite://$work/warehouse.db"
"$bin" batch --input "$file" --out "$work/out" --warehouse "$warehouse" >/dev/null
models=()
if [ -n "${MODELS:-}" ]; then
  models=(--models "$MODELS")  # trained earlier on the same data: skips training
elif "$bin" --help | grep -qE "^  train( |$)"; then
  "$bin" train --input "$file" --models "$work/models" --warehouse "$warehouse" >/dev/null
  models=(--models "$work/models")
fi

# More pool threads than the 64 connections: each keep-alive connection holds one.
threads=96
port=$(free_port)
"$bin" serve --port "$port" --threads "$threads" --warehouse "$warehouse" "${models[@]}" \
  2>"$work/serve.log" &
pids+=($!)
wait_for "http://127.0.0.1:$port/ready" 200 120
base="http://127.0.0.1:$port"
predict_base=$base
predictor="the trained model (serve --models)"
body='{"quantity": 3, "unit_price": 15.5, "hour": 14, "day_of_week": 2, "month": 11, "country": "United Kingdom"}'
if [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$base/predict")" != 200 ]; then
  [ -x "$build/stub_predictor_server" ] || { echo "http_e2e: no model and no $build/stub_predictor_server" >&2; exit 1; }
  stub_port=$(free_port)
  "$build/stub_predictor_server" "$stub_port" "$threads" 2>"$work/stub.log" &
  pids+=($!)
  wait_for "http://127.0.0.1:$stub_port/ready" 200 30
  predict_base="http://127.0.0.1:$stub_port"
  predictor="a stand-in predictor (quantity x unit price: no trained model in this build)"
fi

# The report cache: the first GET of each route renders, the next ones are cache hits.
{
  echo "GET /api/v1 on $(basename "$file"): first request (rendered) and median of 20 repeats (cached), curl time_total"
  printf '%-34s%12s%12s\n' route "first ms" "cached ms"
  for path in /api/v1/daily /api/v1/weekly /api/v1/segments "/api/v1/rfm?limit=100" \
              /api/v1/products /api/v1/countries /api/v1/cohorts /api/v1/seasonality; do
    first=$(curl -s -o /dev/null -w '%{time_total}' "$base$path")
    repeats=$(for _ in $(seq 20); do curl -s -o /dev/null -w '%{time_total}\n' "$base$path"; done | sort -n | sed -n 10p)
    printf '%-34s%12.3f%12.3f\n' "$path" "$(awk -v t="$first" 'BEGIN { print t * 1000 }')" "$(awk -v t="$repeats" 'BEGIN { print t * 1000 }')"
  done
} | tee "$here/results/http_cache.txt"

flask_port=$(free_port)
/usr/bin/python3 "$here/peers/flask_predict.py" "$file" "$flask_port" "${FLASK_TRAIN_ROWS:-0}" \
  >"$work/flask.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$flask_port/health" 200 600

run_wrk() {  # NAME URL CONNECTIONS [LUA]
  local wrk_threads=2
  [ "$3" -eq 1 ] && wrk_threads=1
  local script=()
  [ -n "${4:-}" ] && script=(-s "$4")
  wrk -t"$wrk_threads" -c"$3" -d"$duration" --latency "${script[@]}" "$2" >"$work/wrk-$1-$3.txt" 2>&1
  echo "$1 $3 $work/wrk-$1-$3.txt" >>"$work/runs"
}
: >"$work/runs"
for c in 1 16 64; do
  run_wrk predict "$predict_base/predict" "$c" "$here/wrk/predict.lua"
  run_wrk daily "$base/api/v1/daily" "$c"
  run_wrk flask-predict "http://127.0.0.1:$flask_port/predict" "$c" "$here/wrk/predict.lua"
done
run_wrk predict-batch-10000 "$predict_base/predict/batch" 1 "$here/wrk/predict_batch.lua"

/usr/bin/python3 - "$work/runs" "$duration" "$predictor" <<'PY' | tee "$out"
import re, sys
units = {"us": 1e-3, "ms": 1.0, "s": 1e3}
def ms(text):
    value, unit = re.fullmatch(r"([0-9.]+)(us|ms|s)", text).groups()
    return float(value) * units[unit]
rows = {}
for line in open(sys.argv[1]):
    name, conns, path = line.split()
    text = open(path).read()
    rps = re.search(r"Requests/sec:\s+([0-9.]+)", text)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: (.*)", text)
    rows[(name, int(conns))] = (float(rps.group(1)) if rps else 0.0,
                                ms(p50.group(1)) if p50 else float("nan"),
                                ms(p99.group(1)) if p99 else float("nan"),
                                int(errors.group(1)) if errors else 0,
                                socket_errors.group(1) if socket_errors else "")
print(f"wrk on loopback, {sys.argv[2]} per run; /predict served with {sys.argv[3]}")
print(f"{'route':<22}{'conns':>6}{'req/s':>12}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}  vs flask")
for (name, conns), (rps, p50, p99, errors, socket_errors) in rows.items():
    ratio = ""
    if name == "predict" and ("flask-predict", conns) in rows and rows[("flask-predict", conns)][0] > 0:
        ratio = f"{rps / rows[('flask-predict', conns)][0]:.0f}x"
    note = f"  socket errors: {socket_errors}" if socket_errors else ""
    print(f"{name:<22}{conns:>6}{rps:>12,.0f}{p50:>9.3f}{p99:>9.3f}{errors:>9}  {ratio}{note}")
PY
