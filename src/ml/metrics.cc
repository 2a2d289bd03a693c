#include "ml/metrics.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>
#include <vector>

namespace storepulse::ml {

RegressionMetrics ComputeRegressionMetrics(std::span<const double> actual,
                                           std::span<const double> predicted) {
  assert(actual.size() == predicted.size() && !actual.empty());
  const double n = static_cast<double>(actual.size());
  const double mean = std::accumulate(actual.begin(), actual.end(), 0.0) / n;
  double absolute = 0, squared = 0, total = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    const double error = actual[i] - predicted[i];
    absolute += std::abs(error);
    squared += error * error;
    total += (actual[i] - mean) * (actual[i] - mean);
  }
  RegressionMetrics metrics;
  metrics.mae = absolute / n;
  metrics.rmse = std::sqrt(squared / n);
  metrics.r2 = total > 0 ? 1.0 - squared / total : 0.0;
  return metrics;
}

double Wape(std::span<const double> actual, std::span<const double> predicted) {
  assert(actual.size() == predicted.size());
  double error = 0, total = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    error += std::abs(actual[i] - predicted[i]);
    total += std::abs(actual[i]);
  }
  return total > 0 ? error / total : 0.0;
}

double Mape(std::span<const double> actual, std::span<const double> predicted) {
  assert(actual.size() == predicted.size());
  double sum = 0;
  size_t count = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] == 0) continue;
    sum += std::abs((actual[i] - predicted[i]) / actual[i]);
    ++count;
  }
  return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

double TopShareCapture(std::span<const double> actual, std::span<const double> score,
                       double share) {
  assert(actual.size() == score.size());
  const double total = std::accumulate(actual.begin(), actual.end(), 0.0);
  if (actual.empty() || total == 0) return 0.0;
  std::vector<size_t> order(actual.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return score[a] > score[b]; });
  const size_t top =
      static_cast<size_t>(std::ceil(share * static_cast<double>(order.size())));
  double captured = 0;
  for (size_t i = 0; i < top && i < order.size(); ++i) captured += actual[order[i]];
  return captured / total;
}

}  // namespace storepulse::ml
