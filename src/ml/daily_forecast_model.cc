#include "ml/daily_forecast_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/civil_time.h"
#include "core/money.h"
#include "ml/booster_training.h"
#include "ml/metrics.h"

namespace storepulse::ml {
namespace {

// A weekday with sales on fewer than this share of its dates is closed.
constexpr double kClosedWeekdayShare = 0.1;
// A run of days without sales over at least this many trading weekdays is a closure
// that recurs on the same dates every year (Christmas), not a one-off bank holiday.
constexpr int kAnnualClosureTradingDays = 5;

std::string MonthDay(int64_t day) {
  const CivilDate date = CivilFromDays(day);
  return fmt::format("{:02}-{:02}", date.month, date.day);
}

}  // namespace

bool ClosedDays::ClosesWeekday(int weekday) const {
  return std::find(weekdays.begin(), weekdays.end(), weekday) != weekdays.end();
}

bool ClosedDays::Contains(int64_t day) const {
  if (ClosesWeekday(WeekdayOfDay(day))) return true;
  return !annual.empty() &&
         std::find(annual.begin(), annual.end(), MonthDay(day)) != annual.end();
}

ClosedDays ClosedDays::Find(const DailyValues& revenue, int64_t up_to) {
  ClosedDays closed;
  std::array<int, 7> dates{}, trading{};
  for (int64_t day = revenue.first_day; day <= up_to; ++day) {
    ++dates[WeekdayOfDay(day)];
    if (revenue.At(day) > 0) ++trading[WeekdayOfDay(day)];
  }
  for (int weekday = 0; weekday < 7; ++weekday) {
    if (dates[weekday] > 0 && trading[weekday] < kClosedWeekdayShare * dates[weekday]) {
      closed.weekdays.push_back(weekday);
    }
  }
  // Runs of days without sales, between days with sales (so never at the ends).
  int64_t run_start = -1;
  int trading_days = 0;
  for (int64_t day = revenue.first_day; day <= up_to; ++day) {
    if (revenue.At(day) > 0) {
      if (run_start >= 0 && trading_days >= kAnnualClosureTradingDays) {
        for (int64_t closed_day = run_start; closed_day < day; ++closed_day) {
          closed.annual.push_back(MonthDay(closed_day));
        }
      }
      run_start = -1;
      trading_days = 0;
      continue;
    }
    if (run_start < 0) run_start = day;
    if (!closed.ClosesWeekday(WeekdayOfDay(day))) ++trading_days;
  }
  return closed;
}

namespace {

BoosterConfig ForecastConfig(const ForecastOptions& options) {
  // The target is already a ratio to the level: no transform.
  return SmallTableBoostedConfig(options.objective, options.rounds, options.max_depth,
                                 options.learning_rate, /*min_child_weight=*/3,
                                 TargetTransform::kNone, options.seed);
}

// Fits one series' booster on every (origin, horizon) whose target day is at most
// `end_day`, the targets scaled by the level at their origin.
Result<XgbBooster> FitSeries(const DailyValues& series, int64_t end_day,
                             const ClosedDays& closed, const BoosterConfig& config,
                             int threads) {
  const int64_t first_origin = series.first_day + kForecastHistoryDays - 1;
  std::vector<std::pair<int64_t, int>> pairs;
  for (int64_t origin = first_origin; origin < end_day; ++origin) {
    for (int horizon = 1; horizon <= kMaxForecastHorizon && origin + horizon <= end_day;
         ++horizon) {
      if (!closed.Contains(origin + horizon)) pairs.emplace_back(origin, horizon);
    }
  }
  if (pairs.empty()) {
    return Status::InvalidArgument("no history to fit the daily forecast on");
  }
  DenseMatrix features(pairs.size(), kForecastFeatureCount);
  std::vector<double> targets(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto [origin, horizon] = pairs[i];
    EncodeForecastFeatures(series, origin, horizon, features.Row(i));
    targets[i] = series.At(origin + horizon) / ForecastLevel(series, origin);
  }
  return TrainBooster(features, targets, config, threads);
}

// The forecast of days origin+1 ... origin+days: 0 on closed days, else the
// booster's ratio times the level at the origin (never below 0).
Result<std::vector<double>> PredictSeries(const XgbBooster& booster,
                                          const DailyValues& series, int64_t origin,
                                          int days, const ClosedDays& closed) {
  DenseMatrix features(days, kForecastFeatureCount);
  for (int horizon = 1; horizon <= days; ++horizon) {
    EncodeForecastFeatures(series, origin, horizon, features.Row(horizon - 1));
  }
  SP_ASSIGN_OR_RETURN(const std::vector<float> ratios, booster.Predict(features));
  const double level = ForecastLevel(series, origin);
  std::vector<double> values(days);
  for (int horizon = 1; horizon <= days; ++horizon) {
    values[horizon - 1] = closed.Contains(origin + horizon)
                              ? 0.0
                              : std::max(0.0, ratios[horizon - 1] * level);
  }
  return values;
}

// The values of `series` after `origin` up to `last_day`, at most kMaxForecastHorizon.
int DaysAhead(int64_t origin, int64_t last_day) {
  return static_cast<int>(std::min<int64_t>(kMaxForecastHorizon, last_day - origin));
}

struct Collected {
  std::vector<double> actual, model, seasonal_naive, weekday_mean;
  ForecastScores Score() const {
    return {Wape(actual, model),          Mape(actual, model),
            Wape(actual, seasonal_naive), Mape(actual, seasonal_naive),
            Wape(actual, weekday_mean),   Mape(actual, weekday_mean)};
  }
};

nlohmann::ordered_json ScoresJson(const ForecastScores& scores) {
  return {{"wape", scores.wape},
          {"mape", scores.mape},
          {"seasonal_naive",
           {{"wape", scores.seasonal_naive_wape}, {"mape", scores.seasonal_naive_mape}}},
          {"weekday_mean",
           {{"wape", scores.weekday_mean_wape}, {"mape", scores.weekday_mean_mape}}}};
}

nlohmann::ordered_json HistoryJson(const DailyValues& series) {
  const int64_t from = series.last_day() - kForecastHistoryDays + 1;
  std::vector<double> values;
  for (int64_t day = from; day <= series.last_day(); ++day)
    values.push_back(series.At(day));
  return values;
}

}  // namespace

DailySeries BuildDailySeries(const Table& table) {
  DailySeries series;
  if (table.empty()) return series;
  int64_t first = DayOf(table.timestamps()[0]), last = first;
  for (const Timestamp timestamp : table.timestamps()) {
    first = std::min(first, DayOf(timestamp));
    last = std::max(last, DayOf(timestamp));
  }
  const size_t days = static_cast<size_t>(last - first + 1);
  std::vector<MoneySum> revenue(days);
  // Orders: distinct invoices per day, an invoice counted on the day of its first line.
  std::vector<int64_t> invoice_day(table.invoices().size(), INT64_MIN);
  for (size_t row = 0; row < table.size(); ++row) {
    const int64_t day = DayOf(table.timestamps()[row]);
    revenue[day - first].Add(table.LineRevenue(row));
    int64_t& invoice = invoice_day[table.invoice_codes()[row]];
    if (invoice == INT64_MIN || day < invoice) invoice = day;
  }
  series.revenue = {first, std::vector<double>(days)};
  series.orders = {first, std::vector<double>(days, 0.0)};
  for (size_t i = 0; i < days; ++i) {
    series.revenue.values[i] = static_cast<double>(revenue[i].units()) /
                               static_cast<double>(Money::kUnitsPerCurrency);
  }
  for (const int64_t day : invoice_day) {
    if (day != INT64_MIN) series.orders.values[day - first] += 1;
  }
  return series;
}

Result<ForecastResult> TrainDailyForecastModel(const Table& table,
                                               const TrainingData& data,
                                               const ForecastOptions& options,
                                               const ProgressFn& progress) {
  const DailySeries series = BuildDailySeries(table);
  const int64_t last_day = series.revenue.last_day();
  const int64_t first_origin = last_day - 7 * options.backtest_weeks;
  // The first backtest fit needs 8 weeks of history and 8 weeks of training targets.
  if (table.empty() ||
      first_origin - series.revenue.first_day < 2 * kForecastHistoryDays) {
    return Status::InvalidArgument(fmt::format(
        "the daily forecast needs at least {} days of sales ({} weeks of backtest after "
        "16 weeks of history); the data has {}",
        7 * options.backtest_weeks + 2 * kForecastHistoryDays, options.backtest_weeks,
        table.empty() ? 0 : series.revenue.values.size()));
  }
  const BoosterConfig config = ForecastConfig(options);
  const uint64_t fits = 2 * (static_cast<uint64_t>(options.backtest_weeks) + 1);
  uint64_t fits_done = 0;
  const auto fitted = [&] {
    ++fits_done;
    if (progress) progress(fits_done, fits);
  };

  Collected revenue, orders;
  size_t pairs = 0;
  for (int week = 0; week < options.backtest_weeks; ++week) {
    const int64_t origin = first_origin + 7 * week;
    const ClosedDays closed = ClosedDays::Find(series.revenue, origin);
    const int days = DaysAhead(origin, last_day);
    for (auto [target, collected] :
         {std::pair{&series.revenue, &revenue}, std::pair{&series.orders, &orders}}) {
      SP_ASSIGN_OR_RETURN(XgbBooster booster,
                          FitSeries(*target, origin, closed, config, options.threads));
      fitted();
      SP_ASSIGN_OR_RETURN(const std::vector<double> predicted,
                          PredictSeries(booster, *target, origin, days, closed));
      for (int horizon = 1; horizon <= days; ++horizon) {
        collected->actual.push_back(target->At(origin + horizon));
        collected->model.push_back(predicted[horizon - 1]);
        collected->seasonal_naive.push_back(SeasonalNaive(*target, origin, horizon));
        collected->weekday_mean.push_back(WeekdayMean(*target, origin, horizon));
      }
    }
    pairs += static_cast<size_t>(days);
  }

  ForecastEvaluation evaluation;
  evaluation.pairs = pairs;
  evaluation.first_origin = first_origin;
  evaluation.last_origin = first_origin + 7 * (options.backtest_weeks - 1);
  evaluation.revenue = revenue.Score();
  evaluation.orders = orders.Score();

  // The saved model: every day of data.
  const ClosedDays closed = ClosedDays::Find(series.revenue, last_day);
  SP_ASSIGN_OR_RETURN(
      XgbBooster revenue_model,
      FitSeries(series.revenue, last_day, closed, config, options.threads));
  fitted();
  SP_ASSIGN_OR_RETURN(XgbBooster orders_model, FitSeries(series.orders, last_day, closed,
                                                         config, options.threads));
  fitted();
  SP_ASSIGN_OR_RETURN(const std::vector<double> next_revenue,
                      PredictSeries(revenue_model, series.revenue, last_day,
                                    kMaxForecastHorizon, closed));
  SP_ASSIGN_OR_RETURN(
      const std::vector<double> next_orders,
      PredictSeries(orders_model, series.orders, last_day, kMaxForecastHorizon, closed));
  ForecastResult result;
  result.revenue = std::move(revenue_model);
  result.orders = std::move(orders_model);
  result.evaluation = evaluation;
  for (int horizon = 1; horizon <= kMaxForecastHorizon; ++horizon) {
    result.forecasts.push_back({last_day + horizon, horizon, next_revenue[horizon - 1],
                                next_orders[horizon - 1],
                                closed.Contains(last_day + horizon)});
  }

  const std::string model = kDailyForecastKind;
  const ForecastScores& r = evaluation.revenue;
  result.evaluation_rows = {
      {model, "backtest", "wape", r.wape, "seasonal_naive", r.seasonal_naive_wape},
      {model, "backtest", "wape", r.wape, "weekday_mean", r.weekday_mean_wape},
      {model, "backtest", "mape", r.mape, "seasonal_naive", r.seasonal_naive_mape},
      {model, "backtest", "mape", r.mape, "weekday_mean", r.weekday_mean_mape}};

  ModelMetadata& metadata = result.metadata;
  metadata = NewModelMetadata(kDailyForecastKind, kForecastFeatureNames, data);
  metadata.encodings = {{"closed_weekdays", closed.weekdays},
                        {"annual_closures", closed.annual}};
  metadata.training_data.training_rows = series.revenue.values.size();
  metadata.training_data.test_rows = pairs;
  metadata.parameters = {{"target_transform", "ratio_to_level"},
                         {"model", config.ToJson()},
                         {"max_horizon_days", kMaxForecastHorizon},
                         {"history_days", kForecastHistoryDays},
                         {"backtest_weeks", options.backtest_weeks}};
  metadata.metrics = {{"backtest",
                       {{"first_origin", FormatIsoDate(evaluation.first_origin)},
                        {"last_origin", FormatIsoDate(evaluation.last_origin)},
                        {"last_day", FormatIsoDate(last_day)},
                        {"pairs", pairs},
                        {"revenue", ScoresJson(evaluation.revenue)},
                        {"orders", ScoresJson(evaluation.orders)}}}};
  metadata.state = {{"last_day", FormatIsoDate(last_day)},
                    {"revenue", HistoryJson(series.revenue)},
                    {"orders", HistoryJson(series.orders)}};
  return result;
}

DailyForecaster::DailyForecaster(XgbBooster revenue_model, XgbBooster orders_model,
                                 DailyValues revenue, DailyValues orders,
                                 ClosedDays closed, std::string model_version)
    : revenue_model_(std::move(revenue_model)),
      orders_model_(std::move(orders_model)),
      revenue_(std::move(revenue)),
      orders_(std::move(orders)),
      closed_(std::move(closed)),
      model_version_(std::move(model_version)) {}

Result<std::unique_ptr<DailyForecaster>> DailyForecaster::Load(
    const std::string& models_dir) {
  std::vector<std::string_view> names(kForecastFeatureNames.begin(),
                                      kForecastFeatureNames.end());
  SP_ASSIGN_OR_RETURN(LoadedModel model,
                      LoadModelFiles(models_dir, kDailyForecastKind, names));
  const ModelMetadata& metadata = model.metadata;
  const std::string meta_path = MetadataPath(models_dir, kDailyForecastKind);
  const auto corrupt = [&](std::string_view what) {
    return Status::Corruption(fmt::format("{}: {}", meta_path, what));
  };
  const auto booster_json = [&](std::string_view target) -> const std::string* {
    for (size_t i = 0; i < metadata.boosters.size(); ++i) {
      if (metadata.boosters[i].target == target) return &model.booster_json[i];
    }
    return nullptr;
  };
  const std::string* revenue_json = booster_json("revenue");
  const std::string* orders_json = booster_json("orders");
  if (revenue_json == nullptr || orders_json == nullptr) {
    return corrupt("expected a revenue and an orders booster");
  }
  ClosedDays closed;
  std::vector<double> revenue, orders;
  int64_t last_day = 0;
  try {
    closed.weekdays = metadata.encodings.at("closed_weekdays").get<std::vector<int>>();
    closed.annual =
        metadata.encodings.at("annual_closures").get<std::vector<std::string>>();
    revenue = metadata.state.at("revenue").get<std::vector<double>>();
    orders = metadata.state.at("orders").get<std::vector<double>>();
    if (!ParseIsoDate(metadata.state.at("last_day").get<std::string>(), &last_day)) {
      return corrupt("state.last_day is not a date");
    }
  } catch (const nlohmann::json::exception& error) {
    return corrupt(fmt::format("malformed closed days or state: {}", error.what()));
  }
  if (revenue.size() != kForecastHistoryDays || orders.size() != kForecastHistoryDays) {
    return corrupt(fmt::format("state must hold {} days of revenue and orders",
                               kForecastHistoryDays));
  }
  const int64_t first_day = last_day - kForecastHistoryDays + 1;
  SP_ASSIGN_OR_RETURN(XgbBooster revenue_model,
                      XgbBooster::Load(*revenue_json, 1, "the revenue booster"));
  SP_ASSIGN_OR_RETURN(XgbBooster orders_model,
                      XgbBooster::Load(*orders_json, 1, "the orders booster"));
  return std::unique_ptr<DailyForecaster>(
      new DailyForecaster(std::move(revenue_model), std::move(orders_model),
                          DailyValues{first_day, std::move(revenue)},
                          DailyValues{first_day, std::move(orders)}, std::move(closed),
                          metadata.model_version));
}

Result<std::vector<DailyForecast>> DailyForecaster::Forecast(int days) const {
  if (days < 1 || days > kMaxForecastHorizon) {
    return Status::InvalidArgument(fmt::format(
        "--days: the forecast covers 1 to {} days, got {}", kMaxForecastHorizon, days));
  }
  const int64_t origin = revenue_.last_day();
  SP_ASSIGN_OR_RETURN(const std::vector<double> revenue,
                      PredictSeries(revenue_model_, revenue_, origin, days, closed_));
  SP_ASSIGN_OR_RETURN(const std::vector<double> orders,
                      PredictSeries(orders_model_, orders_, origin, days, closed_));
  std::vector<DailyForecast> forecasts;
  for (int horizon = 1; horizon <= days; ++horizon) {
    forecasts.push_back({origin + horizon, horizon, revenue[horizon - 1],
                         orders[horizon - 1], closed_.Contains(origin + horizon)});
  }
  return forecasts;
}

}  // namespace storepulse::ml
