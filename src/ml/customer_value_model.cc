#include "ml/customer_value_model.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/civil_time.h"
#include "ml/customer_features.h"
#include "ml/metrics.h"

namespace storepulse::ml {
namespace {

BoosterConfig CustomerValueConfig(const CustomerValueOptions& options) {
  BoosterConfig config;
  config.name = "gradient_boosted";
  config.rounds = options.rounds;
  config.transform = options.transform;
  config.params = {{"booster", "gbtree"},
                   {"objective", options.objective},
                   {"tree_method", "hist"},
                   {"max_depth", std::to_string(options.max_depth)},
                   {"learning_rate", fmt::format("{}", options.learning_rate)},
                   {"subsample", "0.8"},
                   {"colsample_bytree", "0.8"},
                   {"min_child_weight", std::to_string(options.min_child_weight)},
                   {"seed", std::to_string(options.seed)}};
  return config;
}

std::vector<double> NonNegative(std::vector<double> values) {
  for (double& value : values) value = std::max(0.0, value);
  return values;
}

}  // namespace

Result<CustomerValueResult> TrainCustomerValueModel(const Table& table,
                                                    const TrainingData& data,
                                                    const CustomerValueOptions& options,
                                                    const ProgressFn& progress) {
  if (table.empty()) return Status::InvalidArgument("no clean lines to train on");
  int64_t first_day = DayOf(table.timestamps()[0]);
  int64_t last_day = first_day;
  for (const Timestamp timestamp : table.timestamps()) {
    first_day = std::min(first_day, DayOf(timestamp));
    last_day = std::max(last_day, DayOf(timestamp));
  }
  const int64_t end = last_day + 1;  // T: the day after the last sale
  const int64_t train_cutoff = end - 2 * kCustomerHorizonDays;
  const int64_t test_cutoff = end - kCustomerHorizonDays;
  if (train_cutoff <= first_day) {
    return Status::InvalidArgument(fmt::format(
        "the customer value model needs more than 180 days of sales (a training quarter "
        "with history before it, then a test quarter); the data spans {} to {}",
        FormatIsoDate(first_day), FormatIsoDate(last_day)));
  }
  const BoosterConfig config = CustomerValueConfig(options);
  const uint64_t steps = 2 * static_cast<uint64_t>(config.rounds);
  const auto step_progress = [&](uint64_t offset) -> ProgressFn {
    if (!progress) return {};
    return [&progress, offset, steps](uint64_t done, uint64_t) {
      progress(offset + done, steps);
    };
  };

  // Evaluation: fit at T-180, test at T-90, the encoding from the training customers.
  const CategoryEncoding train_countries = FitCustomerCountries(table, train_cutoff);
  const CustomerFeatures train =
      ComputeCustomerFeatures(table, train_cutoff, train_countries);
  const std::vector<double> train_y =
      CustomerRevenueBetween(table, train.customers, train_cutoff, test_cutoff);
  SP_ASSIGN_OR_RETURN(
      XgbBooster evaluated,
      TrainBooster(train.features, train_y, config, options.threads, step_progress(0)));
  const CustomerFeatures test =
      ComputeCustomerFeatures(table, test_cutoff, train_countries);
  const std::vector<double> test_y =
      CustomerRevenueBetween(table, test.customers, test_cutoff, end);
  SP_ASSIGN_OR_RETURN(std::vector<double> predicted,
                      PredictTargets(evaluated, test.features, config.transform));
  predicted = NonNegative(std::move(predicted));
  std::vector<double> baseline(test.customers.size());
  for (size_t i = 0; i < test.customers.size(); ++i) {
    baseline[i] = test.features.Row(i)[kCustomerRevenueLast90Feature];
  }
  CustomerValueEvaluation evaluation;
  evaluation.training_customers = train.customers.size();
  evaluation.test_customers = test.customers.size();
  const RegressionMetrics model_metrics = ComputeRegressionMetrics(test_y, predicted);
  const RegressionMetrics baseline_metrics = ComputeRegressionMetrics(test_y, baseline);
  evaluation.mae = model_metrics.mae;
  evaluation.rmse = model_metrics.rmse;
  evaluation.baseline_mae = baseline_metrics.mae;
  evaluation.baseline_rmse = baseline_metrics.rmse;
  evaluation.top10_capture = TopShareCapture(test_y, predicted, 0.1);
  evaluation.baseline_top10_capture = TopShareCapture(test_y, baseline, 0.1);

  // The saved model: the same configuration at the latest complete window.
  const CategoryEncoding countries = FitCustomerCountries(table, test_cutoff);
  const CustomerFeatures latest = ComputeCustomerFeatures(table, test_cutoff, countries);
  const std::vector<double> latest_y =
      CustomerRevenueBetween(table, latest.customers, test_cutoff, end);
  SP_ASSIGN_OR_RETURN(XgbBooster booster,
                      TrainBooster(latest.features, latest_y, config, options.threads,
                                   step_progress(config.rounds)));
  const CustomerFeatures now = ComputeCustomerFeatures(table, end, countries);
  SP_ASSIGN_OR_RETURN(std::vector<double> values,
                      PredictTargets(booster, now.features, config.transform));
  values = NonNegative(std::move(values));

  CustomerValueResult result;
  result.booster = std::move(booster);
  result.evaluation = evaluation;
  result.predictions.reserve(now.customers.size());
  for (size_t i = 0; i < now.customers.size(); ++i) {
    result.predictions.push_back(
        {std::string(table.customers().Get(now.customers[i])), values[i]});
  }
  const std::string model = kCustomerValueKind;
  result.evaluation_rows = {
      {model, "time", "mae", evaluation.mae, "last_90_days", evaluation.baseline_mae},
      {model, "time", "rmse", evaluation.rmse, "last_90_days", evaluation.baseline_rmse},
      {model, "time", "top10_capture", evaluation.top10_capture, "last_90_days",
       evaluation.baseline_top10_capture}};

  ModelMetadata& metadata = result.metadata;
  metadata.kind = kCustomerValueKind;
  metadata.trained_at = UtcNowIso();
  metadata.model_version = ModelVersion(metadata.kind, metadata.trained_at, data.hash);
  metadata.storepulse_version = STOREPULSE_VERSION;
  metadata.features.assign(kCustomerFeatureNames.begin(), kCustomerFeatureNames.end());
  metadata.encodings = {{"country", countries.ToJson()}};
  metadata.training_data = data;
  metadata.training_data.training_rows = latest.customers.size();
  metadata.training_data.test_rows = test.customers.size();
  metadata.parameters = {{"target_transform", TargetTransformName(config.transform)},
                         {"model", config.ToJson()},
                         {"horizon_days", kCustomerHorizonDays}};
  metadata.metrics = {{"evaluation",
                       {{"train_cutoff", FormatIsoDate(train_cutoff)},
                        {"test_cutoff", FormatIsoDate(test_cutoff)},
                        {"end", FormatIsoDate(end)},
                        {"training_customers", evaluation.training_customers},
                        {"test_customers", evaluation.test_customers},
                        {"mae", evaluation.mae},
                        {"rmse", evaluation.rmse},
                        {"top10_capture", evaluation.top10_capture},
                        {"baseline_last_90_days",
                         {{"mae", evaluation.baseline_mae},
                          {"rmse", evaluation.baseline_rmse},
                          {"top10_capture", evaluation.baseline_top10_capture}}}}},
                      {"saved_model",
                       {{"cutoff", FormatIsoDate(test_cutoff)},
                        {"customers", latest.customers.size()},
                        {"predicted_as_of", FormatIsoDate(end)},
                        {"predicted_customers", now.customers.size()}}}};
  return result;
}

}  // namespace storepulse::ml
