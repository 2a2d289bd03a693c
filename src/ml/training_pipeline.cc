#include "ml/training_pipeline.h"

#include <filesystem>

#include "core/atomic_file.h"
#include "ml/content_hash.h"

namespace storepulse::ml {
namespace {

ProgressFn PhaseProgress(const TrainProgressFn& progress, std::string_view model) {
  if (!progress) return {};
  return
      [&progress, model](uint64_t done, uint64_t total) { progress(model, done, total); };
}

Result<SavedModel> Save(const std::string& dir, ModelMetadata metadata,
                        std::span<const NamedBooster> boosters) {
  SP_RETURN_IF_ERROR(SaveModel(dir, metadata, boosters));
  const std::string path = MetadataPath(dir, metadata.kind);
  return SavedModel{std::move(metadata), path};
}

}  // namespace

Result<TrainReport> TrainAll(const Table& table, const TrainOptions& options,
                             const TrainProgressFn& progress) {
  TrainingData data;
  data.source = options.source;
  data.hash = HashTable(table);
  data.rows = table.size();

  LineModelOptions line_options = options.line;
  line_options.seed = options.seed;
  line_options.threads = options.threads;
  CustomerValueOptions customer_options = options.customer;
  customer_options.seed = options.seed;
  customer_options.threads = options.threads;
  ForecastOptions forecast_options = options.forecast;
  forecast_options.seed = options.seed;
  forecast_options.threads = options.threads;

  SP_ASSIGN_OR_RETURN(
      LineModelResult line,
      TrainLineModel(table, data, line_options, PhaseProgress(progress, kLineModelKind)));
  SP_ASSIGN_OR_RETURN(
      CustomerValueResult customer,
      TrainCustomerValueModel(table, data, customer_options,
                              PhaseProgress(progress, kCustomerValueKind)));
  SP_ASSIGN_OR_RETURN(
      ForecastResult forecast,
      TrainDailyForecastModel(table, data, forecast_options,
                              PhaseProgress(progress, kDailyForecastKind)));

  TrainReport report;
  const NamedBooster line_booster[] = {{"", &line.booster}};
  SP_ASSIGN_OR_RETURN(SavedModel saved_line,
                      Save(options.models_dir, line.metadata, line_booster));
  const NamedBooster customer_booster[] = {{"", &customer.booster}};
  SP_ASSIGN_OR_RETURN(SavedModel saved_customer,
                      Save(options.models_dir, customer.metadata, customer_booster));
  const NamedBooster forecast_boosters[] = {{"revenue", &forecast.revenue},
                                            {"orders", &forecast.orders}};
  SP_ASSIGN_OR_RETURN(SavedModel saved_forecast,
                      Save(options.models_dir, forecast.metadata, forecast_boosters));
  report.models = {std::move(saved_line), std::move(saved_customer),
                   std::move(saved_forecast)};

  for (const auto* rows :
       {&line.evaluation, &customer.evaluation_rows, &forecast.evaluation_rows}) {
    report.evaluation.insert(report.evaluation.end(), rows->begin(), rows->end());
  }
  report.evaluation_path =
      (std::filesystem::path(options.models_dir) / "evaluation.json").string();
  SP_RETURN_IF_ERROR(WriteFileAtomically(
      report.evaluation_path, EvaluationJson(report.evaluation).dump(2) + "\n"));
  report.customer_predictions = std::move(customer.predictions);
  report.forecasts = std::move(forecast.forecasts);
  report.forecast_evaluation = forecast.evaluation;
  report.line = std::move(line);
  return report;
}

}  // namespace storepulse::ml
