#include "ml/forecast_features.h"

#include <cmath>

#include "core/civil_time.h"

namespace storepulse::ml {
namespace {

// The latest day up to `origin` on the weekday of origin + horizon.
int64_t LastSameWeekday(int64_t origin, int horizon) {
  return origin + horizon - 7 * ((horizon + 6) / 7);
}

// The mean of the days with sales among (origin - days, origin]; NaN when none.
double MeanOfSalesDays(const DailyValues& series, int64_t origin, int days) {
  double sum = 0;
  int count = 0;
  for (int64_t day = origin - days + 1; day <= origin; ++day) {
    const double value = series.At(day);
    if (value > 0) {
      sum += value;
      ++count;
    }
  }
  return count > 0 ? sum / count : std::nan("");
}

}  // namespace

double ForecastLevel(const DailyValues& series, int64_t origin) {
  const double level = MeanOfSalesDays(series, origin, 28);
  return std::isnan(level) ? 1.0 : level;
}

void EncodeForecastFeatures(const DailyValues& series, int64_t origin, int horizon,
                            std::span<float> out) {
  const int64_t target = origin + horizon;
  const CivilDate date = CivilFromDays(target);
  const double level = ForecastLevel(series, origin);
  const int64_t same_weekday = LastSameWeekday(origin, horizon);
  double same_weekday_sum = 0;
  int same_weekday_days = 0;
  for (int week = 0; week < 4; ++week) {
    const double value = series.At(same_weekday - 7 * week);
    if (value > 0) {
      same_weekday_sum += value;
      ++same_weekday_days;
    }
  }
  const double earlier_level = ForecastLevel(series, origin - 28);
  out[0] = static_cast<float>(horizon);
  out[1] = static_cast<float>(WeekdayOfDay(target));
  out[2] = static_cast<float>(date.day);
  out[3] = static_cast<float>(series.At(same_weekday) / level);
  out[4] = same_weekday_days > 0
               ? static_cast<float>(same_weekday_sum / same_weekday_days / level)
               : std::nanf("");
  out[5] = static_cast<float>(MeanOfSalesDays(series, origin, 7) / level);
  out[6] = static_cast<float>(level / earlier_level);
}

double SeasonalNaive(const DailyValues& series, int64_t origin, int horizon) {
  return series.At(LastSameWeekday(origin, horizon));
}

double WeekdayMean(const DailyValues& series, int64_t origin, int horizon) {
  const int64_t same_weekday = LastSameWeekday(origin, horizon);
  double sum = 0;
  for (int week = 0; week < 4; ++week) sum += series.At(same_weekday - 7 * week);
  return sum / 4;
}

}  // namespace storepulse::ml
