// storepulse train: trains the line revenue, customer 90-day value and daily forecast
// models on an export, prints their evaluation, saves them in --models and registers
// them in the warehouse.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/input_errors.h"
#include "cli/progress.h"
#include "core/civil_time.h"
#include "core/number_format.h"
#include "ml/training_pipeline.h"
#include "ml/warehouse_records.h"
#include "storage/warehouse.h"

namespace storepulse::cli {
namespace {

struct TrainCommandOptions {
  std::string input;
  std::string models_dir;
  std::string warehouse = storage::kDefaultWarehouseUrl;
  uint64_t seed = 42;
  int threads = 0;
};

// One progress bar per model, drawn while it trains (terminals only).
class TrainingProgress {
 public:
  ml::TrainProgressFn AsCallback() {
    return [this](std::string_view model, uint64_t done, uint64_t total) {
      if (model != model_) {
        bar_.reset();  // clears the previous model's line
        bar_ = std::make_unique<ProgressBar>(fmt::format("training {}", model), "steps");
        model_ = std::string(model);
      }
      bar_->Update(done, total);
    };
  }
  void Finish() { bar_.reset(); }

 private:
  std::string model_;
  std::unique_ptr<ProgressBar> bar_;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void PrintLineModelNotes(const ml::LineModelResult& line) {
  for (const ml::SplitEvaluation& split : line.splits) {
    std::string candidates;
    for (const ml::CandidateEvaluation& candidate : split.candidates) {
      if (!candidates.empty()) candidates += ", ";
      candidates += fmt::format("{} {:.2f}", candidate.name, candidate.validation.mae);
    }
    fmt::print("  line_revenue, {} split: kept {} (validation MAE: {}).\n", split.split,
               split.kept, candidates);
  }
  fmt::print(
      "  What the quantity_x_price baseline shows: a line's revenue IS its quantity "
      "times "
      "its unit price,\n  so that baseline is exact (error 0) and no model can beat it; "
      "the model only approximates a\n  multiplication the caller can do exactly. It is "
      "kept because clients call the prototype's API.\n");
}

int Run(const TrainCommandOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto limit = LimitThreads(options.threads);
  DirectoriesCreated models_dir;
  if (Status created = models_dir.Create(options.models_dir, "--models"); !created.ok()) {
    return ReportInputError(created);
  }
  if (Status ready = CheckInputAndWarehouse(options.input, options.warehouse);
      !ready.ok()) {
    return ReportInputError(ready);
  }
  auto ingested = ReadInput(options.input, options.threads);
  if (!ingested.ok()) return ReportInputError(ingested.status());

  ml::TrainOptions train_options;
  train_options.source = options.input;
  train_options.models_dir = options.models_dir;
  train_options.seed = options.seed;
  train_options.threads = options.threads;
  TrainingProgress progress;
  auto report = ml::TrainAll(ingested->table, train_options, progress.AsCallback());
  progress.Finish();
  if (!report.ok()) return ReportInputError(report.status());
  models_dir.Keep();  // the models are in it

  fmt::print(
      "Evaluation on held-out data (lift: how much better than the baseline)\n{}\n",
      ml::EvaluationText(report->evaluation));
  PrintLineModelNotes(report->line);
  const ml::ForecastScores& orders = report->forecast_evaluation.orders;
  fmt::print(
      "  daily_forecast, orders (backtest): WAPE {:.1f}% (seasonal_naive {:.1f}%, "
      "weekday_mean {:.1f}%), MAPE {:.1f}% (seasonal_naive {:.1f}%, weekday_mean "
      "{:.1f}%).\n",
      orders.wape * 100, orders.seasonal_naive_wape * 100, orders.weekday_mean_wape * 100,
      orders.mape * 100, orders.seasonal_naive_mape * 100,
      orders.weekday_mean_mape * 100);

  fmt::print("\nTrained on {} clean lines of {}. Models in {}/:",
             FormatCount(static_cast<int64_t>(ingested->table.size())), options.input,
             options.models_dir);
  for (const ml::SavedModel& model : report->models) {
    fmt::print(" {}", std::filesystem::path(model.metadata_path).filename().string());
    for (const ml::BoosterFile& booster : model.metadata.boosters) {
      fmt::print(" {}", booster.file);
    }
  }
  fmt::print(" evaluation.json\n");

  if (options.warehouse != "none") {
    auto opened = OpenWarehouseOption(options.warehouse);
    if (!opened.ok()) return ReportInputError(opened.status());
    const std::unique_ptr<storage::Warehouse> warehouse = std::move(*opened);
    auto stored = ml::StoreTraining(*warehouse, *report);
    if (!stored.ok()) {
      return ReportInputError(WarehouseOptionError(options.warehouse, stored.status()));
    }
    fmt::print(
        "Warehouse {}: {} models in model_registry, {} days in forecasts, "
        "predicted_value_90d for {} customers.\n",
        warehouse->url(), stored->models, stored->forecast_days,
        FormatCount(static_cast<int64_t>(stored->predicted_customers)));
    if (!stored->warning.empty()) {
      fmt::print(stderr, "storepulse: warning: predicted values not stored: {}\n",
                 stored->warning);
    }
  }
  fmt::print("Done in {:.2f} s.\n", Seconds(started));
  return kExitOk;
}

}  // namespace

void RegisterTrainCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<TrainCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "train",
      "Train the line revenue, customer 90-day value and daily forecast models, print "
      "their evaluation and save them in --models (with evaluation.json)");
  AddInputOption(command, &options->input);
  command
      ->add_option("--models", options->models_dir,
                   "Directory for the model files (created if missing)")
      ->required();
  command
      ->add_option("--warehouse", options->warehouse,
                   "Where to register the models, store forecasts and predicted customer "
                   "values: sqlite:///path.db, postgresql://user@host:port/db, or none")
      ->capture_default_str();
  command->add_option("--seed", options->seed, "Seed of the random split and the trees")
      ->capture_default_str();
  AddThreadsOption(command, &options->threads);
  command->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace storepulse::cli
