// The evaluation `storepulse train` prints and writes to DIR/evaluation.json: one row per
// model, split, metric and baseline, e.g.
//   {"model": "customer_value_90d", "split": "time", "metric": "mae", "value": 512.3,
//    "baseline": "last_90_days", "baseline_value": 690.1}
// Names: models line_revenue, customer_value_90d, daily_forecast; splits random, time,
// backtest; metrics mae, rmse, r2, wape, mape, top10_capture; baselines mean,
// quantity_x_price, last_90_days, seasonal_naive, weekday_mean.
#pragma once

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>

namespace storepulse::ml {

struct EvaluationRow {
  std::string model;
  std::string split;
  std::string metric;
  double value = 0;
  std::string baseline;
  double baseline_value = 0;
};

// Whether a smaller value of `metric` is better (errors) or a larger one (r2, capture).
bool LowerIsBetter(std::string_view metric);

// How much better the model is than the baseline: for errors the relative reduction
// (0.25: a quarter less error; negative: worse); for r2 and top10_capture the difference
// (0.1: ten points more).
double Lift(const EvaluationRow& row);
bool BeatsBaseline(const EvaluationRow& row);

// The rows as evaluation.json's list.
nlohmann::ordered_json EvaluationJson(std::span<const EvaluationRow> rows);

// The rows as a table for people: model, split, metric, value, baseline, its value, lift.
std::string EvaluationText(std::span<const EvaluationRow> rows);

}  // namespace storepulse::ml
