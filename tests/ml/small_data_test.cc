// Training on too little data fails with a message saying what is missing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ml/customer_value_model.h"
#include "ml/daily_forecast_model.h"
#include "ml/line_model.h"
#include "ml_test_util.h"

namespace storepulse::ml {
namespace {

using ::testing::HasSubstr;

TEST(SmallDataTest, EachModelSaysWhatItNeeds) {
  // About 20 trading days.
  const Table table = testing::GeneratedTable(40'000);
  const TrainingData data = testing::DataOf(table);
  auto customer = TrainCustomerValueModel(table, data, CustomerValueOptions());
  EXPECT_EQ(customer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(customer.status().message(), HasSubstr("more than 180 days"));
  auto forecast = TrainDailyForecastModel(table, data, ForecastOptions());
  EXPECT_EQ(forecast.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(forecast.status().message(), HasSubstr("days of sales"));

  const Table empty;
  auto line = TrainLineModel(empty, data, testing::FastLineOptions());
  EXPECT_EQ(line.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(line.status().message(), HasSubstr("too little data"));
}

}  // namespace
}  // namespace storepulse::ml
