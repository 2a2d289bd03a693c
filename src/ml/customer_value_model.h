// Customer 90-day value: what each customer will spend in the next 90 days, from what
// they did before (customer_features.h).
//
// With T the day after the last sale: the model is trained on the customers' features at
// cutoff T-180 against their revenue in [T-180, T-90), and tested at cutoff T-90 against
// [T-90, T): the test period is entirely after the training period. The baseline is "the
// next 90 days = the last 90 days". Reported: MAE, RMSE and the share of the actual
// next-90-day revenue captured by the predicted top 10% of customers.
//
// The saved model is the same configuration refitted at cutoff T-90 (the latest complete
// target window), and it predicts every customer's value as of T, which the warehouse
// stores in customer_metrics.predicted_value_90d.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "core/table.h"
#include "ml/booster_training.h"
#include "ml/evaluation.h"
#include "ml/model_files.h"
#include "ml/xgboost_adapter.h"

namespace storepulse::ml {

inline constexpr char kCustomerValueKind[] = "customer_value_90d";
inline constexpr int64_t kCustomerHorizonDays = 90;

struct CustomerValueOptions {
  uint64_t seed = 42;
  int threads = 0;
  // Tweedie loss (variance power 1.5): the classic for a spend that is zero for many
  // customers and heavy-tailed for the rest; its predictions are positive means.
  int rounds = 600;
  int max_depth = 3;
  double learning_rate = 0.03;
  int min_child_weight = 10;
  std::string objective = "reg:tweedie";
  TargetTransform transform = TargetTransform::kNone;
};

struct CustomerPrediction {
  std::string customer_id;
  double predicted_value_90d = 0;  // pounds
};

struct CustomerValueEvaluation {
  size_t training_customers = 0;
  size_t test_customers = 0;
  double mae = 0, rmse = 0, top10_capture = 0;
  double baseline_mae = 0, baseline_rmse = 0, baseline_top10_capture = 0;
};

struct CustomerValueResult {
  XgbBooster booster;  // refitted at T-90
  ModelMetadata metadata;
  CustomerValueEvaluation evaluation;
  std::vector<EvaluationRow> evaluation_rows;
  std::vector<CustomerPrediction> predictions;  // every customer with a purchase, as of T
};

// InvalidArgument when the data spans too little time (T-180 before the first sale).
Result<CustomerValueResult> TrainCustomerValueModel(const Table& table,
                                                    const TrainingData& data,
                                                    const CustomerValueOptions& options,
                                                    const ProgressFn& progress = {});

}  // namespace storepulse::ml
