// storepulse forecast: the next days' revenue and orders from the saved daily forecast
// model (no input file: the model keeps the history its features need).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>

#include "cli/commands.h"
#include "cli/input_errors.h"
#include "core/civil_time.h"
#include "core/money.h"
#include "core/text_table.h"
#include "ml/daily_forecast_model.h"

namespace storepulse::cli {
namespace {

constexpr const char* kWeekdayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

struct ForecastCommandOptions {
  std::string models_dir;
  int days = 14;
  std::string format = "text";
};

int64_t Cents(double pounds) { return static_cast<int64_t>(std::llround(pounds * 100)); }

int Run(const ForecastCommandOptions& options) {
  auto forecaster = ml::DailyForecaster::Load(options.models_dir);
  if (!forecaster.ok()) return ReportInputError(forecaster.status());
  auto forecasts = (*forecaster)->Forecast(options.days);
  if (!forecasts.ok()) return ReportInputError(forecasts.status());
  const std::string last_day = FormatIsoDate((*forecaster)->last_day());
  if (options.format == "json") {
    nlohmann::ordered_json days = nlohmann::ordered_json::array();
    for (const ml::DailyForecast& day : *forecasts) {
      days.push_back({{"date", FormatIsoDate(day.day)},
                      {"weekday", kWeekdayNames[WeekdayOfDay(day.day)]},
                      {"horizon_days", day.horizon},
                      {"closed", day.closed},
                      {"revenue", CentsToJsonNumber(Cents(day.revenue))},
                      {"orders", std::round(day.orders * 10) / 10}});
    }
    const nlohmann::ordered_json json = {
        {"model_version", (*forecaster)->model_version()},
        {"data_until", last_day},
        {"forecast", days}};
    fmt::print("{}\n", json.dump(2));
    return kExitOk;
  }
  using Align = TextTable::Align;
  TextTable table(
      {{"date"}, {"weekday"}, {"revenue", Align::kRight}, {"orders", Align::kRight}});
  for (const ml::DailyForecast& day : *forecasts) {
    if (day.closed) {
      table.AddRow(
          {FormatIsoDate(day.day), kWeekdayNames[WeekdayOfDay(day.day)], "closed", "-"});
      continue;
    }
    table.AddRow({FormatIsoDate(day.day), kWeekdayNames[WeekdayOfDay(day.day)],
                  FormatCentsForDisplay(Cents(day.revenue)),
                  fmt::format("{:.0f}", day.orders)});
  }
  fmt::print("Daily forecast for the {} days after {} (model {})\n{}", options.days,
             last_day, (*forecaster)->model_version(), table.Render());
  return kExitOk;
}

}  // namespace

void RegisterForecastCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<ForecastCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "forecast",
      "Forecast daily revenue and orders for the days after the data, with the saved "
      "daily forecast model");
  command->add_option("--models", options->models_dir, "Directory of `storepulse train`")
      ->required();
  command->add_option("--days", options->days, "Days to forecast, 1-28")
      ->capture_default_str();
  command->add_option("--format", options->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace storepulse::cli
