// The customer value model and the daily forecast on the real Online Retail export:
// each must beat its baseline, and the test prints by how much. Trained once for the
// suite (a few seconds).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "core/civil_time.h"
#include "ingest/csv_reader.h"
#include "ml/customer_value_model.h"
#include "ml/daily_forecast_model.h"
#include "real_data.h"
#include "test_util.h"

namespace storepulse::ml {
namespace {

class RealDataModelsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(testing::RealDataPath())) return;
    auto read = ingest::ReadOrderLinesFile(testing::RealDataPath());
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    table_ = new Table(std::move(read->table));
    TrainingData data;
    data.source = "OnlineRetail.csv";
    data.hash = "0000000000000000";
    data.rows = table_->size();
    auto customer = TrainCustomerValueModel(*table_, data, CustomerValueOptions());
    ASSERT_TRUE(customer.ok()) << customer.status().ToString();
    customer_ = new CustomerValueResult(std::move(customer).value());
    auto forecast = TrainDailyForecastModel(*table_, data, ForecastOptions());
    ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
    forecast_ = new ForecastResult(std::move(forecast).value());
  }
  static void TearDownTestSuite() {
    delete forecast_;
    delete customer_;
    delete table_;
  }
  void SetUp() override {
    SKIP_WITHOUT_REAL_DATA();
    ASSERT_NE(customer_, nullptr);
    ASSERT_NE(forecast_, nullptr);
  }

  static inline Table* table_ = nullptr;
  static inline CustomerValueResult* customer_ = nullptr;
  static inline ForecastResult* forecast_ = nullptr;
};

TEST_F(RealDataModelsTest, CustomerValueBeatsLastNinetyDaysOnMaeAndTopDecileCapture) {
  const CustomerValueEvaluation& e = customer_->evaluation;
  std::printf(
      "customer_value_90d on %zu test customers: MAE %.2f vs last_90_days %.2f (%.1f%% "
      "lower); top-10%% capture %.1f%% vs %.1f%% (%+.1f points); RMSE %.2f vs %.2f\n",
      e.test_customers, e.mae, e.baseline_mae, 100 * (1 - e.mae / e.baseline_mae),
      100 * e.top10_capture, 100 * e.baseline_top10_capture,
      100 * (e.top10_capture - e.baseline_top10_capture), e.rmse, e.baseline_rmse);
  EXPECT_LT(e.mae, e.baseline_mae);
  EXPECT_GT(e.top10_capture, e.baseline_top10_capture);
  EXPECT_GT(e.test_customers, 3000u);
}

TEST_F(RealDataModelsTest, EveryCustomerGetsANonNegativeValueAsOfTheEnd) {
  EXPECT_EQ(customer_->predictions.size(), table_->customers().size());
  double total = 0;
  for (const CustomerPrediction& prediction : customer_->predictions) {
    EXPECT_GE(prediction.predicted_value_90d, 0) << prediction.customer_id;
    total += prediction.predicted_value_90d;
  }
  // The shop's revenue over 90 days is in the millions; the customers' sum should be
  // of that order, not zero and not absurd.
  EXPECT_GT(total, 500'000);
  EXPECT_LT(total, 10'000'000);
}

TEST_F(RealDataModelsTest, ForecastBeatsSeasonalNaiveWape) {
  const ForecastEvaluation& e = forecast_->evaluation;
  std::printf(
      "daily_forecast backtest, %zu (origin, day) pairs from %s to %s: revenue WAPE "
      "%.1f%% vs seasonal_naive %.1f%% (%.1f%% lower), weekday_mean %.1f%%; orders WAPE "
      "%.1f%% vs seasonal_naive %.1f%%\n",
      e.pairs, FormatIsoDate(e.first_origin).c_str(),
      FormatIsoDate(e.last_origin).c_str(), 100 * e.revenue.wape,
      100 * e.revenue.seasonal_naive_wape,
      100 * (1 - e.revenue.wape / e.revenue.seasonal_naive_wape),
      100 * e.revenue.weekday_mean_wape, 100 * e.orders.wape,
      100 * e.orders.seasonal_naive_wape);
  EXPECT_LT(e.revenue.wape, e.revenue.seasonal_naive_wape);
  EXPECT_LT(e.orders.wape, e.orders.seasonal_naive_wape);
  EXPECT_EQ(e.pairs, 182u);  // 28 days from 5 weekly origins, then 21, 14 and 7
}

TEST_F(RealDataModelsTest, SaturdaysAreClosedAndForecastAsZero) {
  EXPECT_EQ(forecast_->metadata.encodings["closed_weekdays"],
            nlohmann::ordered_json::array({5}));
  ASSERT_EQ(forecast_->forecasts.size(), static_cast<size_t>(kMaxForecastHorizon));
  for (const DailyForecast& day : forecast_->forecasts) {
    if (WeekdayOfDay(day.day) == 5) {
      EXPECT_TRUE(day.closed);
      EXPECT_EQ(day.revenue, 0);
      EXPECT_EQ(day.orders, 0);
    } else {
      EXPECT_FALSE(day.closed);
      EXPECT_GT(day.revenue, 0) << FormatIsoDate(day.day);
    }
  }
  EXPECT_EQ(forecast_->forecasts.front().day, DaysFromCivil({2011, 12, 10}));
}

TEST_F(RealDataModelsTest, TheSavedForecasterForecastsWhatTrainingDid) {
  testing::TempDir dir;
  const NamedBooster boosters[] = {{"revenue", &forecast_->revenue},
                                   {"orders", &forecast_->orders}};
  ModelMetadata metadata = forecast_->metadata;
  ASSERT_OK(SaveModel(dir.path().string(), metadata, boosters));
  auto forecaster = DailyForecaster::Load(dir.path().string());
  ASSERT_OK(forecaster.status());
  auto days = (*forecaster)->Forecast(kMaxForecastHorizon);
  ASSERT_OK(days.status());
  ASSERT_EQ(days->size(), forecast_->forecasts.size());
  for (size_t i = 0; i < days->size(); ++i) {
    EXPECT_EQ((*days)[i].day, forecast_->forecasts[i].day);
    EXPECT_DOUBLE_EQ((*days)[i].revenue, forecast_->forecasts[i].revenue);
    EXPECT_DOUBLE_EQ((*days)[i].orders, forecast_->forecasts[i].orders);
  }
  EXPECT_EQ((*forecaster)->Forecast(0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT((*forecaster)->Forecast(29).status().message(),
              ::testing::HasSubstr("1 to 28 days"));
}

}  // namespace
}  // namespace storepulse::ml
