// Evaluation metrics over held-out data, in doubles: model evaluation compares errors,
// it does not report money (revenue sums stay in core/money.h).
#pragma once

#include <span>

namespace storepulse::ml {

struct RegressionMetrics {
  double mae = 0;   // mean absolute error
  double rmse = 0;  // root mean squared error
  double r2 = 0;    // 1 - SSE / SST (0 for predicting the mean of `actual`)
};

// REQUIRES: same sizes, not empty.
RegressionMetrics ComputeRegressionMetrics(std::span<const double> actual,
                                           std::span<const double> predicted);

// Weighted absolute percentage error: sum |actual - predicted| / sum |actual|.
double Wape(std::span<const double> actual, std::span<const double> predicted);

// Mean absolute percentage error over the points whose actual is not 0 (it is undefined
// there: days the shop is closed); 0 when there are none.
double Mape(std::span<const double> actual, std::span<const double> predicted);

// The share of the total of `actual` held by the top `share` (0.1: a tenth, rounded up)
// of the entries when ranked by `score`, highest first (ties: the earlier entry first).
// 0 when the total is 0.
double TopShareCapture(std::span<const double> actual, std::span<const double> score,
                       double share);

}  // namespace storepulse::ml
