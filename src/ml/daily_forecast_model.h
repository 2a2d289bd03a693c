// Daily revenue and orders forecast for the next 1-28 days (forecast_features.h), one
// booster per target.
//
// Days on which the shop does not trade are forecast as exactly 0 and left out of the
// boosters' training targets (ClosedDays): weekdays with sales on fewer than 10% of their
// dates (in the real data Saturday, never a sale in 53 weeks), and the calendar dates of
// a closure of a working week or more, which recur each year (the real data: 24 December
// to 3 January). Shorter closures (bank holidays) move from year to year and are left to
// the boosters.
//
// Evaluation: a rolling-origin backtest over the last 8 weeks of data. From each of 8
// weekly origins (the last day minus 56, 49, ..., 7 days) the model is refitted on the
// history up to the origin and forecasts every later day up to 28 days ahead that the
// data covers; WAPE and MAPE (days with sales only) over all those (origin, day) pairs,
// against seasonal naive (the same weekday last week, as seen from the origin) and the
// mean of the last 4 same weekdays. The saved model is refitted on all the data and
// forecasts from the last day; it keeps the last 56 days of both series in its
// metadata, which is all the features read, so `storepulse forecast` needs no input file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "core/table.h"
#include "ml/evaluation.h"
#include "ml/forecast_features.h"
#include "ml/model_files.h"
#include "ml/xgboost_adapter.h"

namespace storepulse::ml {

inline constexpr char kDailyForecastKind[] = "daily_forecast";

struct ForecastOptions {
  uint64_t seed = 42;
  int threads = 1;  // a few thousand rows: one thread beats XGBoost's fork and join
  // Picked on a backtest of the 8 weeks BEFORE the evaluated ones (so the evaluation
  // stays out of sample): of (300, 4, 0.05), (150, 3, 0.05), (300, 2, 0.05),
  // (100, 2, 0.1) and (500, 3, 0.02) rounds, depth, learning rate, the best there.
  int rounds = 150;
  int max_depth = 3;
  double learning_rate = 0.05;
  std::string objective = "reg:squarederror";
  int backtest_weeks = 8;
};

// The days a forecast puts at 0, found in the history and kept in the model's metadata.
struct ClosedDays {
  std::vector<int> weekdays;        // 0-6, Monday = 0
  std::vector<std::string> annual;  // "12-24": month-day, the same every year

  bool Contains(int64_t day) const;
  bool ClosesWeekday(int weekday) const;
  // The weekdays with sales on fewer than 10% of their dates up to `up_to`, and the dates
  // of every run of days without sales that spans at least 5 trading weekdays.
  static ClosedDays Find(const DailyValues& revenue, int64_t up_to);
};

struct DailyForecast {
  int64_t day = 0;  // days since 1970-01-01
  int horizon = 0;  // days after the last day of data
  double revenue = 0;
  double orders = 0;
  bool closed = false;  // a day the shop does not trade (ClosedDays): forecast 0
};

struct ForecastScores {
  double wape = 0, mape = 0;
  double seasonal_naive_wape = 0, seasonal_naive_mape = 0;
  double weekday_mean_wape = 0, weekday_mean_mape = 0;
};

struct ForecastEvaluation {
  size_t pairs = 0;  // (origin, day) pairs scored
  int64_t first_origin = 0;
  int64_t last_origin = 0;
  ForecastScores revenue;
  ForecastScores orders;
};

struct ForecastResult {
  XgbBooster revenue;
  XgbBooster orders;
  ModelMetadata metadata;
  ForecastEvaluation evaluation;
  std::vector<EvaluationRow> evaluation_rows;  // revenue (orders are in the metadata)
  std::vector<DailyForecast> forecasts;        // the next kMaxForecastHorizon days
};

// The daily revenue (pounds) and orders (distinct invoices) of every calendar day from
// the first to the last sale.
struct DailySeries {
  DailyValues revenue;
  DailyValues orders;
};
DailySeries BuildDailySeries(const Table& table);

// InvalidArgument when the data is too short for the backtest (it needs the backtest
// weeks plus 8 weeks of history before them).
Result<ForecastResult> TrainDailyForecastModel(const Table& table,
                                               const TrainingData& data,
                                               const ForecastOptions& options,
                                               const ProgressFn& progress = {});

// The saved forecast model, served: forecasts from the last day it was trained on.
class DailyForecaster {
 public:
  // Loads DIR/daily_forecast.meta.json and its boosters; errors as LoadModelFiles, and
  // Corruption when the saved history is malformed.
  static Result<std::unique_ptr<DailyForecaster>> Load(const std::string& models_dir);

  // The next `days` days after the last day of data. InvalidArgument unless 1-28.
  Result<std::vector<DailyForecast>> Forecast(int days) const;

  const std::string& model_version() const { return model_version_; }
  int64_t last_day() const { return revenue_.last_day(); }

 private:
  DailyForecaster(XgbBooster revenue_model, XgbBooster orders_model, DailyValues revenue,
                  DailyValues orders, ClosedDays closed, std::string model_version);

  XgbBooster revenue_model_;
  XgbBooster orders_model_;
  DailyValues revenue_;
  DailyValues orders_;
  ClosedDays closed_;
  std::string model_version_;
};

}  // namespace storepulse::ml
