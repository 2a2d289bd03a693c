// Forecast features and baselines from a series whose values are known, and the
// guarantee that nothing after the origin is read.
#include "ml/forecast_features.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "core/civil_time.h"

namespace storepulse::ml {
namespace {

// 70 days from Monday 2011-01-03: value = 100 + day index, 0 on Saturdays.
DailyValues Series() {
  DailyValues series;
  series.first_day = DaysFromCivil({2011, 1, 3});
  for (int i = 0; i < 70; ++i) {
    series.values.push_back(WeekdayOfDay(series.first_day + i) == 5 ? 0.0 : 100.0 + i);
  }
  return series;
}

TEST(ForecastFeaturesTest, BaselinesLookBackFromTheOrigin) {
  const DailyValues series = Series();
  const int64_t origin = series.first_day + 59;  // index 59, a Thursday
  // Horizon 1 (Friday, index 60): last Friday is index 53.
  EXPECT_EQ(SeasonalNaive(series, origin, 1), 153);
  // Horizon 7 (Thursday, index 66): the origin itself, index 59.
  EXPECT_EQ(SeasonalNaive(series, origin, 7), 159);
  // Horizon 8 (Friday, index 67): still index 60 - 7 = 53 (60 is after the origin).
  EXPECT_EQ(SeasonalNaive(series, origin, 8), 153);
  // Weekday mean of Fridays 53, 46, 39, 32.
  EXPECT_DOUBLE_EQ(WeekdayMean(series, origin, 1), (153 + 146 + 139 + 132) / 4.0);
  // Saturday (horizon 2): all zeros.
  EXPECT_EQ(WeekdayMean(series, origin, 2), 0);
}

TEST(ForecastFeaturesTest, FeaturesOfATargetDay) {
  const DailyValues series = Series();
  const int64_t origin = series.first_day + 59;
  std::array<float, kForecastFeatureCount> out;
  EncodeForecastFeatures(series, origin, 1, out);
  // Level: the 28 days up to index 59 without their 4 Saturdays (indices 32..59).
  double sum = 0;
  int days = 0;
  for (int i = 32; i <= 59; ++i) {
    if (series.values[i] > 0) {
      sum += series.values[i];
      ++days;
    }
  }
  const double level = sum / days;
  EXPECT_DOUBLE_EQ(ForecastLevel(series, origin), level);
  EXPECT_EQ(out[0], 1);                                        // horizon
  EXPECT_EQ(out[1], 4);                                        // Friday
  EXPECT_EQ(out[2], 4);                                        // 2011-03-04
  EXPECT_FLOAT_EQ(out[3], static_cast<float>(153 / level));    // last Friday / level
  EXPECT_FLOAT_EQ(out[4], static_cast<float>(142.5 / level));  // mean of 4 Fridays
  EXPECT_GT(out[6], 1);                                        // the series grows
}

TEST(ForecastFeaturesTest, NothingAfterTheOriginIsRead) {
  DailyValues series = Series();
  const int64_t origin = series.first_day + 40;
  std::array<float, kForecastFeatureCount> before, after;
  for (int horizon = 1; horizon <= kMaxForecastHorizon; ++horizon) {
    EncodeForecastFeatures(series, origin, horizon, before);
    DailyValues changed = series;
    for (size_t i = 41; i < changed.values.size(); ++i) changed.values[i] = 1e9;
    EncodeForecastFeatures(changed, origin, horizon, after);
    for (size_t f = 0; f < kForecastFeatureCount; ++f) {
      EXPECT_TRUE(before[f] == after[f] ||
                  (std::isnan(before[f]) && std::isnan(after[f])))
          << "horizon " << horizon << " feature " << kForecastFeatureNames[f];
    }
    EXPECT_EQ(SeasonalNaive(series, origin, horizon),
              SeasonalNaive(changed, origin, horizon));
    EXPECT_EQ(WeekdayMean(series, origin, horizon),
              WeekdayMean(changed, origin, horizon));
  }
}

}  // namespace
}  // namespace storepulse::ml
