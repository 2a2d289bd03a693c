// Training one XGBoost booster from a feature matrix and targets: the loop every model
// of ml/ shares, with the target transform it learnt under (serving applies the
// inverse) and the parameters recorded for the metadata.
#pragma once

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "ml/xgboost_adapter.h"

namespace storepulse::ml {

// What the booster learns: the target itself, or log(1 + target) for heavy-tailed
// non-negative targets (revenue), where squared error on the raw scale lets a few huge
// lines dominate every split.
enum class TargetTransform { kNone, kLog1p };

std::string_view TargetTransformName(TargetTransform transform);  // "none", "log1p"
Result<TargetTransform> ParseTargetTransform(std::string_view name);

double ApplyTransform(TargetTransform transform, double target);
double InvertTransform(TargetTransform transform, double learnt);

struct BoosterConfig {
  std::string name;  // "random_forest", "gradient_boosted"
  XgbBooster::Params params;
  int rounds = 1;
  TargetTransform transform = TargetTransform::kNone;

  // {"name": ..., "rounds": ..., "target_transform": ..., "params": {...}}
  nlohmann::ordered_json ToJson() const;
};

// The prototype's model family in XGBoost: a random forest is ONE round of
// `trees` parallel trees, each on a row subsample and a column subsample per node, with
// learning rate 1 (the average of the trees, not a boosted sum).
BoosterConfig RandomForestConfig(int trees, int max_depth, uint64_t seed);
// Gradient-boosted trees, `rounds` rounds of depth `max_depth`, on log(1 + target).
BoosterConfig GradientBoostedConfig(int rounds, int max_depth, double learning_rate,
                                    uint64_t seed);

// Trains on `features` and `targets` (transformed by config.transform) on `threads`
// threads (0: all). `progress` gets (rounds done, rounds).
Result<XgbBooster> TrainBooster(const DenseMatrix& features,
                                std::span<const double> targets,
                                const BoosterConfig& config, int threads,
                                const ProgressFn& progress = {});

// Predictions on the target's own scale.
Result<std::vector<double>> PredictTargets(const XgbBooster& booster,
                                           const DenseMatrix& features,
                                           TargetTransform transform);

}  // namespace storepulse::ml
