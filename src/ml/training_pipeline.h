// `storepulse train` below the CLI: trains the three models on one clean table, saves
// each (model_files.h) in a directory, writes DIR/evaluation.json, and returns what the
// CLI prints and what the warehouse stores (registry rows, customer predictions,
// forecasts).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/table.h"
#include "ml/customer_value_model.h"
#include "ml/daily_forecast_model.h"
#include "ml/evaluation.h"
#include "ml/line_model.h"
#include "ml/model_files.h"

namespace storepulse::ml {

struct TrainOptions {
  std::string source;      // the input file as given: names the data in the registry
  std::string models_dir;  // must exist
  uint64_t seed = 42;
  int threads = 0;
  LineModelOptions line;
  CustomerValueOptions customer;
  ForecastOptions forecast;
};

// Called with (model kind, done, total) as each model trains; never from two threads at
// once.
using TrainProgressFn =
    std::function<void(std::string_view model, uint64_t done, uint64_t total)>;

struct SavedModel {
  ModelMetadata metadata;
  std::string metadata_path;
};

struct TrainReport {
  std::vector<EvaluationRow> evaluation;
  std::vector<SavedModel> models;  // line, customer value, daily forecast
  LineModelResult line;
  std::vector<CustomerPrediction> customer_predictions;  // every customer, as of T
  std::vector<DailyForecast> forecasts;                  // the next days after T
  ForecastEvaluation forecast_evaluation;                // revenue and orders
  std::string evaluation_path;
};

// Trains, evaluates and saves every model. The seed of `options` overrides the models'
// own. InvalidArgument when the table is too small to split (the message says what is
// missing); IOError when the directory cannot be written.
Result<TrainReport> TrainAll(const Table& table, const TrainOptions& options,
                             const TrainProgressFn& progress = {});

}  // namespace storepulse::ml
