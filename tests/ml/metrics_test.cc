#include "ml/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ml/evaluation.h"

namespace storepulse::ml {
namespace {

TEST(MetricsTest, RegressionMetricsOnKnownValues) {
  const std::vector<double> actual = {1, 2, 3, 4};
  const std::vector<double> predicted = {2, 2, 2, 6};
  const RegressionMetrics metrics = ComputeRegressionMetrics(actual, predicted);
  EXPECT_DOUBLE_EQ(metrics.mae, (1 + 0 + 1 + 2) / 4.0);
  EXPECT_DOUBLE_EQ(metrics.rmse, std::sqrt((1 + 0 + 1 + 4) / 4.0));
  // SST = 2.25 + 0.25 + 0.25 + 2.25 = 5; SSE = 6.
  EXPECT_DOUBLE_EQ(metrics.r2, 1 - 6.0 / 5.0);
  const std::vector<double> mean(4, 2.5);
  EXPECT_DOUBLE_EQ(ComputeRegressionMetrics(actual, mean).r2, 0);
  EXPECT_DOUBLE_EQ(ComputeRegressionMetrics(actual, actual).r2, 1);
}

TEST(MetricsTest, WapeWeighsByVolumeAndMapeSkipsClosedDays) {
  const std::vector<double> actual = {100, 0, 300, 100};
  const std::vector<double> predicted = {110, 5, 240, 100};
  EXPECT_DOUBLE_EQ(Wape(actual, predicted), (10 + 5 + 60 + 0) / 500.0);
  EXPECT_DOUBLE_EQ(Mape(actual, predicted), (0.1 + 0.2 + 0.0) / 3);
  const std::vector<double> zeros = {0, 0};
  EXPECT_EQ(Mape(zeros, zeros), 0);
  EXPECT_EQ(Wape(zeros, zeros), 0);
}

TEST(MetricsTest, TopShareCaptureTakesTheTopTenthRoundedUp) {
  // 11 customers: the top tenth is 2 (rounded up).
  std::vector<double> actual = {5, 0, 0, 0, 0, 0, 0, 0, 0, 90, 5};
  std::vector<double> score = {1, 0, 0, 0, 0, 0, 0, 0, 0, 9, 8};
  EXPECT_DOUBLE_EQ(TopShareCapture(actual, score, 0.1), 95.0 / 100);
  score = {9, 0, 0, 0, 0, 0, 0, 0, 0, 1, 8};
  EXPECT_DOUBLE_EQ(TopShareCapture(actual, score, 0.1), 10.0 / 100);
  // Ties: the earlier entry first.
  score = std::vector<double>(11, 1.0);
  EXPECT_DOUBLE_EQ(TopShareCapture(actual, score, 0.1), 5.0 / 100);
  EXPECT_EQ(
      TopShareCapture(std::vector<double>(3, 0.0), std::vector<double>(3, 1.0), 0.1), 0);
}

TEST(EvaluationTest, LiftIsARelativeErrorCutOrAScoreGain) {
  EXPECT_DOUBLE_EQ(Lift({"m", "s", "mae", 75, "b", 100}), 0.25);
  EXPECT_DOUBLE_EQ(Lift({"m", "s", "wape", 0.3, "b", 0.2}), -0.5);
  EXPECT_NEAR(Lift({"m", "s", "r2", 0.9, "b", 0.2}), 0.7, 1e-12);
  EXPECT_NEAR(Lift({"m", "s", "top10_capture", 0.52, "b", 0.49}), 0.03, 1e-12);
  EXPECT_TRUE(BeatsBaseline({"m", "s", "mae", 1, "b", 2}));
  EXPECT_FALSE(BeatsBaseline({"m", "s", "mae", 1, "quantity_x_price", 0}));
  const std::vector<EvaluationRow> rows = {
      {"line_revenue", "random", "mae", 0.4, "quantity_x_price", 0}};
  EXPECT_NE(EvaluationText(rows).find("baseline exact"), std::string::npos);
  EXPECT_EQ(EvaluationJson(rows).dump(),
            R"([{"model":"line_revenue","split":"random","metric":"mae","value":0.4,)"
            R"("baseline":"quantity_x_price","baseline_value":0.0}])");
}

}  // namespace
}  // namespace storepulse::ml
