// Percentiles with linear interpolation between order statistics: what NumPy's
// percentile and pandas' quantile compute by default, so figures can be checked
// against them. Holistic: needs every value, so it is exact but not mergeable.
#pragma once

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

namespace storepulse::analytics {

// The q-th percentiles (0..100, ascending) of `values`, which it reorders.
// REQUIRES: !values.empty().
template <typename T>
std::vector<double> PercentilesInPlace(std::span<T> values, std::span<const double> q) {
  std::vector<double> out;
  out.reserve(q.size());
  const size_t n = values.size();
  size_t sorted_from = 0;  // values[0, sorted_from) are <= everything after them
  for (double percentile : q) {
    const double rank = percentile / 100.0 * static_cast<double>(n - 1);
    const size_t lower = static_cast<size_t>(std::floor(rank));
    const size_t upper = std::min(lower + 1, n - 1);
    if (lower >= sorted_from) {
      std::nth_element(values.begin() + sorted_from, values.begin() + lower,
                       values.end());
    }
    const T low = values[lower];
    T high = low;
    if (upper != lower) {
      high = *std::min_element(values.begin() + upper, values.end());
    }
    sorted_from = lower;
    const double fraction = rank - static_cast<double>(lower);
    out.push_back(static_cast<double>(low) +
                  (static_cast<double>(high) - static_cast<double>(low)) * fraction);
  }
  return out;
}

}  // namespace storepulse::analytics
