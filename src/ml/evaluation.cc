#include "ml/evaluation.h"

#include <fmt/format.h>

#include <cmath>

#include "core/text_table.h"

namespace storepulse::ml {
namespace {

// Shows a metric with the precision it deserves: shares as percentages, r2 with three
// decimals, errors in pounds (or orders) with two.
std::string FormatMetric(std::string_view metric, double value) {
  if (metric == "wape" || metric == "mape" || metric == "top10_capture") {
    return fmt::format("{:.1f}%", value * 100);
  }
  if (metric == "r2") return fmt::format("{:.3f}", value);
  return fmt::format("{:.2f}", value);
}

std::string FormatLift(const EvaluationRow& row) {
  const double lift = Lift(row);
  // An error-free baseline (quantity x price is the definition of line revenue).
  if (!std::isfinite(lift)) return "baseline exact";
  if (LowerIsBetter(row.metric)) return fmt::format("{:+.1f}%", lift * 100);
  if (row.metric == "top10_capture") return fmt::format("{:+.1f} pts", lift * 100);
  return fmt::format("{:+.3f}", lift);
}

}  // namespace

bool LowerIsBetter(std::string_view metric) {
  return metric != "r2" && metric != "top10_capture";
}

double Lift(const EvaluationRow& row) {
  if (!LowerIsBetter(row.metric)) return row.value - row.baseline_value;
  if (row.baseline_value == 0) {
    return row.value == 0 ? 0.0 : -std::numeric_limits<double>::infinity();
  }
  return (row.baseline_value - row.value) / row.baseline_value;
}

bool BeatsBaseline(const EvaluationRow& row) { return Lift(row) > 0; }

nlohmann::ordered_json EvaluationJson(std::span<const EvaluationRow> rows) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const EvaluationRow& row : rows) {
    list.push_back({{"model", row.model},
                    {"split", row.split},
                    {"metric", row.metric},
                    {"value", row.value},
                    {"baseline", row.baseline},
                    {"baseline_value", row.baseline_value}});
  }
  return list;
}

std::string EvaluationText(std::span<const EvaluationRow> rows) {
  using Align = TextTable::Align;
  TextTable table({{"model"},
                   {"split"},
                   {"metric"},
                   {"value", Align::kRight},
                   {"baseline"},
                   {"baseline value", Align::kRight},
                   {"lift", Align::kRight}});
  for (const EvaluationRow& row : rows) {
    table.AddRow({row.model, row.split, row.metric, FormatMetric(row.metric, row.value),
                  row.baseline, FormatMetric(row.metric, row.baseline_value),
                  FormatLift(row)});
  }
  return table.Render();
}

}  // namespace storepulse::ml
