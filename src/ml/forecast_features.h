// The daily forecast's features: for a forecast made at the end of an origin day for
// `horizon` days later, calendar features of the target day and lags of the series up
// to the origin (never after it), computed by ONE function (EncodeForecastFeatures) for
// training rows, backtest rows and the served forecast.
//
// The series is scaled by its level at the origin (the mean of the last 28 days with
// sales), and the model learns the target day's value as a multiple of that level: the
// shop grows through the year towards November, and trees cannot extrapolate a value
// above any they were trained on, but they can a ratio.
//
//   #  name                        for target day t = origin + horizon
//   0  horizon                     1-28
//   1  day_of_week                 of t, Monday = 0
//   2  day_of_month                of t
//   3  last_same_weekday_ratio     the latest value on t's weekday up to the origin /
//                                  level (the seasonal-naive forecast, scaled)
//   4  same_weekday_mean_ratio     mean of the last 4 values on t's weekday up to the
//                                  origin (days with sales only) / level
//   5  last_7_days_ratio           mean of the last 7 days with sales / level
//   6  level_growth                level / level 28 days earlier
//
// No month or day of the year: with one year of history a target month has been seen
// once or never, and trees send an unseen month to the nearest one they know (September
// to the December before Christmas). A backtest on the 8 weeks before the evaluated
// ones had WAPE 57% with those two features and 39% without.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace storepulse::ml {

inline constexpr size_t kForecastFeatureCount = 7;
inline constexpr std::array<std::string_view, kForecastFeatureCount>
    kForecastFeatureNames = {"horizon",
                             "day_of_week",
                             "day_of_month",
                             "last_same_weekday_ratio",
                             "same_weekday_mean_ratio",
                             "last_7_days_ratio",
                             "level_growth"};

inline constexpr int kMaxForecastHorizon = 28;
// Days of history the features read before and including the origin.
inline constexpr int kForecastHistoryDays = 56;

// A daily series: values[i] is the value of day first_day + i; every calendar day is
// present (0 on days without sales).
struct DailyValues {
  int64_t first_day = 0;
  std::vector<double> values;

  int64_t last_day() const { return first_day + static_cast<int64_t>(values.size()) - 1; }
  double At(int64_t day) const {
    return day < first_day || day > last_day() ? 0.0 : values[day - first_day];
  }
};

// The level the features and the target are scaled by at `origin`: the mean of the
// days with sales among the 28 up to it (1 when there are none, so that the ratios stay
// finite).
double ForecastLevel(const DailyValues& series, int64_t origin);

// Writes the features of target day origin + horizon to `out`, reading `series` only up
// to `origin`. REQUIRES: 1 <= horizon <= kMaxForecastHorizon,
// out.size() == kForecastFeatureCount.
void EncodeForecastFeatures(const DailyValues& series, int64_t origin, int horizon,
                            std::span<float> out);

// The baselines at the same (origin, horizon): seasonal naive (the latest value on the
// target's weekday up to the origin) and the plain mean of the last 4 values on that
// weekday up to the origin.
double SeasonalNaive(const DailyValues& series, int64_t origin, int horizon);
double WeekdayMean(const DailyValues& series, int64_t origin, int horizon);

}  // namespace storepulse::ml
