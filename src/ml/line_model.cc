#include "ml/line_model.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <numeric>

#include "core/money.h"
#include "ml/line_features.h"
#include "ml/splits.h"

namespace storepulse::ml {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<double> Revenues(const Table& table, std::span<const size_t> rows) {
  std::vector<double> revenue(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    revenue[i] = static_cast<double>(table.LineRevenue(rows[i]).units()) /
                 static_cast<double>(Money::kUnitsPerCurrency);
  }
  return revenue;
}

nlohmann::ordered_json MetricsJson(const RegressionMetrics& metrics) {
  return {{"mae", metrics.mae}, {"rmse", metrics.rmse}, {"r2", metrics.r2}};
}

// Counts the fits of TrainLineModel for its progress: each split fits every candidate
// and then refits the kept one.
class FitProgress {
 public:
  FitProgress(const ProgressFn& progress, uint64_t total)
      : progress_(progress), total_(total) {}
  void Done() {
    ++done_;
    if (progress_) progress_(done_, total_);
  }

 private:
  const ProgressFn& progress_;
  uint64_t total_;
  uint64_t done_ = 0;
};

struct SplitOutcome {
  SplitEvaluation evaluation;
  XgbBooster booster;
  BoosterConfig kept;
  LineEncodings encodings;
};

Result<SplitOutcome> EvaluateSplit(const Table& table, const RowSplit& split,
                                   std::string split_name,
                                   const std::vector<BoosterConfig>& candidates,
                                   int threads, FitProgress& progress) {
  if (split.fit.empty() || split.validation.empty() || split.test.empty()) {
    return Status::InvalidArgument(fmt::format(
        "too little data for the {} split of the line revenue model ({} fit, {} "
        "validation, {} test rows)",
        split_name, split.fit.size(), split.validation.size(), split.test.size()));
  }
  const std::vector<size_t> training = split.Training();
  // Encodings come from the training part only: the test part's countries are unseen
  // data, as they would be in production.
  const LineEncodings encodings = FitLineEncodings(table, training);
  const DenseMatrix fit = LineFeatureMatrix(table, split.fit, encodings);
  const DenseMatrix validation = LineFeatureMatrix(table, split.validation, encodings);
  const std::vector<double> fit_y = Revenues(table, split.fit);
  const std::vector<double> validation_y = Revenues(table, split.validation);

  SplitEvaluation evaluation;
  evaluation.split = std::move(split_name);
  evaluation.training_rows = training.size();
  evaluation.test_rows = split.test.size();
  size_t best = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    SP_ASSIGN_OR_RETURN(XgbBooster booster,
                        TrainBooster(fit, fit_y, candidates[i], threads));
    const double seconds = SecondsSince(start);
    SP_ASSIGN_OR_RETURN(const std::vector<double> predicted,
                        PredictTargets(booster, validation, candidates[i].transform));
    evaluation.candidates.push_back(
        {candidates[i].name, ComputeRegressionMetrics(validation_y, predicted), seconds});
    if (evaluation.candidates[i].validation.mae <
        evaluation.candidates[best].validation.mae) {
      best = i;
    }
    progress.Done();
  }
  const BoosterConfig& kept = candidates[best];
  evaluation.kept = kept.name;

  const DenseMatrix training_x = LineFeatureMatrix(table, training, encodings);
  const std::vector<double> training_y = Revenues(table, training);
  const auto start = std::chrono::steady_clock::now();
  SP_ASSIGN_OR_RETURN(XgbBooster booster,
                      TrainBooster(training_x, training_y, kept, threads));
  evaluation.refit_seconds = SecondsSince(start);
  progress.Done();

  const DenseMatrix test = LineFeatureMatrix(table, split.test, encodings);
  const std::vector<double> test_y = Revenues(table, split.test);
  SP_ASSIGN_OR_RETURN(const std::vector<double> predicted,
                      PredictTargets(booster, test, kept.transform));
  evaluation.test = ComputeRegressionMetrics(test_y, predicted);
  const double mean = std::accumulate(training_y.begin(), training_y.end(), 0.0) /
                      static_cast<double>(training_y.size());
  evaluation.mean_baseline =
      ComputeRegressionMetrics(test_y, std::vector<double>(test_y.size(), mean));
  std::vector<double> product(test_y.size());
  for (size_t i = 0; i < split.test.size(); ++i) {
    // To the money unit, as stored: the exact revenue, free of float rounding.
    const LineRequest request = LineRequestOfRow(table, split.test[i]);
    product[i] = std::round(request.quantity * request.unit_price *
                            static_cast<double>(Money::kUnitsPerCurrency)) /
                 static_cast<double>(Money::kUnitsPerCurrency);
  }
  evaluation.quantity_x_price_baseline = ComputeRegressionMetrics(test_y, product);
  return SplitOutcome{std::move(evaluation), std::move(booster), kept, encodings};
}

void AddEvaluationRows(const SplitEvaluation& split, std::vector<EvaluationRow>* rows) {
  const struct {
    const char* metric;
    double RegressionMetrics::*field;
  } kMetrics[] = {{"mae", &RegressionMetrics::mae},
                  {"rmse", &RegressionMetrics::rmse},
                  {"r2", &RegressionMetrics::r2}};
  for (const auto& [metric, field] : kMetrics) {
    rows->push_back({kLineModelKind, split.split, metric, split.test.*field, "mean",
                     split.mean_baseline.*field});
    rows->push_back({kLineModelKind, split.split, metric, split.test.*field,
                     "quantity_x_price", split.quantity_x_price_baseline.*field});
  }
}

nlohmann::ordered_json SplitJson(const SplitEvaluation& split) {
  nlohmann::ordered_json candidates = nlohmann::ordered_json::object();
  for (const CandidateEvaluation& candidate : split.candidates) {
    candidates[candidate.name] = {{"validation", MetricsJson(candidate.validation)},
                                  {"fit_seconds", candidate.fit_seconds}};
  }
  return {{"training_rows", split.training_rows},
          {"test_rows", split.test_rows},
          {"candidates", candidates},
          {"kept", split.kept},
          {"test", MetricsJson(split.test)},
          {"refit_seconds", split.refit_seconds},
          {"baselines",
           {{"mean", MetricsJson(split.mean_baseline)},
            {"quantity_x_price", MetricsJson(split.quantity_x_price_baseline)}}}};
}

}  // namespace

Result<LineModelResult> TrainLineModel(const Table& table, const TrainingData& data,
                                       const LineModelOptions& options,
                                       const ProgressFn& progress) {
  const auto start = std::chrono::steady_clock::now();
  const std::vector<BoosterConfig> candidates = {
      RandomForestConfig(options.forest_trees, options.forest_max_depth, options.seed),
      GradientBoostedConfig(options.boosted_rounds, options.boosted_max_depth,
                            options.boosted_learning_rate, options.seed)};
  const uint64_t fits_per_split = candidates.size() + 1;
  FitProgress fits(progress, fits_per_split * (options.time_split ? 2 : 1));

  const RowSplit random = RandomSplit(table.size(), options.seed, options.test_share,
                                      options.validation_share);
  SP_ASSIGN_OR_RETURN(
      SplitOutcome kept,
      EvaluateSplit(table, random, "random", candidates, options.threads, fits));
  std::vector<SplitEvaluation> splits = {kept.evaluation};
  if (options.time_split) {
    const RowSplit by_time =
        TimeSplit(table, options.test_share, options.validation_share);
    SP_ASSIGN_OR_RETURN(
        SplitOutcome timed,
        EvaluateSplit(table, by_time, "time", candidates, options.threads, fits));
    splits.push_back(std::move(timed.evaluation));
  }

  ModelMetadata metadata;
  metadata.kind = kLineModelKind;
  metadata.trained_at = UtcNowIso();
  metadata.model_version = ModelVersion(metadata.kind, metadata.trained_at, data.hash);
  metadata.storepulse_version = STOREPULSE_VERSION;
  metadata.features.assign(kLineFeatureNames.begin(), kLineFeatureNames.end());
  metadata.encodings = kept.encodings.ToJson();
  metadata.training_data = data;
  metadata.training_data.training_rows = kept.evaluation.training_rows;
  metadata.training_data.test_rows = kept.evaluation.test_rows;
  nlohmann::ordered_json candidate_json = nlohmann::ordered_json::array();
  for (const BoosterConfig& candidate : candidates) {
    candidate_json.push_back(candidate.ToJson());
  }
  metadata.parameters = {{"target_transform", TargetTransformName(kept.kept.transform)},
                         {"kept", kept.kept.ToJson()},
                         {"candidates", candidate_json},
                         {"seed", options.seed},
                         {"test_share", options.test_share},
                         {"validation_share", options.validation_share}};
  for (const SplitEvaluation& split : splits) {
    metadata.metrics[split.split] = SplitJson(split);
  }

  LineModelResult result;
  result.booster = std::move(kept.booster);
  result.metadata = std::move(metadata);
  result.splits = std::move(splits);
  for (const SplitEvaluation& split : result.splits) {
    AddEvaluationRows(split, &result.evaluation);
  }
  result.seconds = SecondsSince(start);
  result.metadata.metrics["seconds"] = result.seconds;
  return result;
}

}  // namespace storepulse::ml
