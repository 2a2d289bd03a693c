#!/usr/bin/env bash
# The line revenue model end to end on the real export: `storepulse train` against the
# prototype's stack (bench/peers/sklearn_train.py: scikit-learn's RandomForestRegressor,
# 100 trees of depth 15, on the same 10 features and the very same 80% of the rows), each
# run RUNS times in this invocation. Reported: medians of the fit times (storepulse's as
# it records them in line_revenue.meta.json), their ratio, and both held-out MAEs on the
# same 20%.
#   bench/ml_e2e.sh [STOREPULSE_BINARY] [FILE] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-build/storepulse}
file=${2:-$here/../../shared/data/OnlineRetail.csv}
runs=${3:-3}
out="$here/results/ml_e2e.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$here/results"
[ -f "$file" ] || { echo "ml_e2e: $file is absent; skipped"; exit 0; }

for run in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$bin" train --input "$file" --models "$work/models" --warehouse none > /dev/null
  end=$(date +%s.%N)
  cp "$work/models/line_revenue.meta.json" "$work/storepulse-$run.json"
  echo "$start $end" > "$work/storepulse-$run.wall"
  /usr/bin/python3 "$here/peers/sklearn_train.py" "$file" > "$work/sklearn-$run.json"
done

/usr/bin/python3 - "$work" "$runs" "$out" <<'PY'
import json, os, statistics, sys
work, runs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sp, sk, wall = [], [], []
for run in range(1, runs + 1):
    sp.append(json.load(open(f"{work}/storepulse-{run}.json")))
    sk.append(json.load(open(f"{work}/sklearn-{run}.json")))
    start, end = map(float, open(f"{work}/storepulse-{run}.wall").read().split())
    wall.append(end - start)
med = statistics.median
random = [m["metrics"]["random"] for m in sp]
kept = random[0]["kept"]
result = {
    "runs": runs,
    "storepulse": {
        "kept_model": kept,
        "kept_refit_on_80_percent_s": med(r["refit_seconds"] for r in random),
        "forest_fit_s": med(r["candidates"]["random_forest"]["fit_seconds"] for r in random),
        "boosted_fit_s": med(r["candidates"]["gradient_boosted"]["fit_seconds"] for r in random),
        "line_model_step_s": med(m["metrics"]["seconds"] for m in sp),
        "train_command_wall_s": med(wall),
        "test_mae": random[0]["test"]["mae"],
        "test_rmse": random[0]["test"]["rmse"],
        "test_r2": random[0]["test"]["r2"],
        "train_rows": sp[0]["training_data"]["training_rows"],
        "test_rows": sp[0]["training_data"]["test_rows"],
    },
    "sklearn": {
        "fit_s": med(r["fit_seconds"] for r in sk),
        "test_mae": sk[0]["mae"],
        "test_rmse": sk[0]["rmse"],
        "test_r2": sk[0]["r2"],
        "predict_one_row_ms": med(r["predict_one_row_ms"] for r in sk),
        "train_rows": sk[0]["train_rows"],
        "test_rows": sk[0]["test_rows"],
    },
}
s, k = result["storepulse"], result["sklearn"]
result["fit_ratio_kept_model"] = k["fit_s"] / s["kept_refit_on_80_percent_s"]
result["fit_ratio_whole_line_step"] = k["fit_s"] / s["line_model_step_s"]
json.dump(result, open(out, "w"), indent=2)
print(f"line revenue model, {s['train_rows']:,} training / {s['test_rows']:,} held-out rows "
      f"(sklearn: {k['train_rows']:,} / {k['test_rows']:,}), medians of {runs} runs")
print(f"  sklearn RandomForestRegressor fit        {k['fit_s']:8.2f} s   held-out MAE {k['test_mae']:.3f}  RMSE {k['test_rmse']:.2f}  R2 {k['test_r2']:.3f}")
print(f"  storepulse kept model ({kept}) fit {s['kept_refit_on_80_percent_s']:8.2f} s   held-out MAE {s['test_mae']:.3f}  RMSE {s['test_rmse']:.2f}  R2 {s['test_r2']:.3f}")
print(f"  storepulse forest candidate fit (70%)    {s['forest_fit_s']:8.2f} s")
print(f"  storepulse boosted candidate fit (70%)   {s['boosted_fit_s']:8.2f} s")
print(f"  storepulse whole line step (2 splits, 2 candidates, refits, evaluation) {s['line_model_step_s']:.2f} s")
print(f"  storepulse train, all three models, wall {s['train_command_wall_s']:.2f} s")
print(f"  fit ratio (sklearn / kept model): {result['fit_ratio_kept_model']:.1f}x; "
      f"sklearn fit / whole line step: {result['fit_ratio_whole_line_step']:.1f}x")
print(f"  sklearn single-row predict: {k['predict_one_row_ms']:.2f} ms")
PY
