// The line revenue model: the prototype's "predict order revenue" from the ten line
// features (line_features.h), trained with XGBoost and evaluated honestly.
//
// For each split (random 80/20 by row with a fixed seed, as the prototype; and by time,
// the last 20% of sale dates held out) two candidates are fitted on the training part
// less a validation slice: the prototype's family, a random forest (one round of 100
// parallel trees, row and per-node column subsampling, learning rate 1), and
// gradient-boosted trees on log(1 + revenue). The one with the lower validation MAE is
// kept, refitted on the whole training part and evaluated on the held-out part, beside
// two baselines: the training mean, and quantity x unit price.
//
// What the quantity x unit price baseline shows: a line's revenue IS its quantity times
// its unit price, so that "baseline" is not an estimate but the definition, and its error
// is zero. No model can beat it; the learnt model only approximates a multiplication
// that the caller could do exactly. The model is kept because clients call the
// prototype's API; the evaluation says so rather than hide it.
#pragma once

#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "core/table.h"
#include "ml/booster_training.h"
#include "ml/evaluation.h"
#include "ml/metrics.h"
#include "ml/model_files.h"
#include "ml/xgboost_adapter.h"

namespace storepulse::ml {

inline constexpr char kLineModelKind[] = "line_revenue";

struct LineModelOptions {
  uint64_t seed = 42;
  double test_share = 0.2;
  // Of all rows (so 1/8 of the training part): what picks the candidate.
  double validation_share = 0.1;
  int threads = 0;  // 0: all cores
  // The random forest: the prototype's 100 trees of depth 15.
  int forest_trees = 100;
  int forest_max_depth = 15;
  // The gradient-boosted candidate. In log space revenue is log(quantity) +
  // log(unit price), a sum: shallow trees (depth 2) and many rounds learn it, where deep
  // trees on the raw scale chase the few huge lines.
  int boosted_rounds = 600;
  int boosted_max_depth = 2;
  double boosted_learning_rate = 0.8;
  // Also evaluate on the time split (the saved model comes from the random split).
  bool time_split = true;
};

struct CandidateEvaluation {
  std::string name;
  RegressionMetrics validation;  // fitted on the fit part
  double fit_seconds = 0;
};

struct SplitEvaluation {
  std::string split;  // "random", "time"
  size_t training_rows = 0;
  size_t test_rows = 0;
  std::vector<CandidateEvaluation> candidates;
  std::string kept;
  RegressionMetrics test;  // the kept candidate refitted on the training part
  RegressionMetrics mean_baseline;
  RegressionMetrics quantity_x_price_baseline;
  double refit_seconds = 0;  // the kept candidate on the whole training part
};

struct LineModelResult {
  XgbBooster booster;      // the kept candidate, refitted on the random split's training
  ModelMetadata metadata;  // everything but the booster files (SaveModel adds them)
  std::vector<SplitEvaluation> splits;
  std::vector<EvaluationRow> evaluation;
  double seconds = 0;  // the whole line model step
};

// `data` describes the table (source, hash, rows); `progress` gets (fits done, fits).
Result<LineModelResult> TrainLineModel(const Table& table, const TrainingData& data,
                                       const LineModelOptions& options,
                                       const ProgressFn& progress = {});

}  // namespace storepulse::ml
