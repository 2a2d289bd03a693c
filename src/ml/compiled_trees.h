// A regression booster's trees as flat arrays in memory, for single-row prediction.
//
// Why: XGBoost 1.7's in-place prediction costs some 17 us per call however small the
// model, most of it fixed overhead (every call re-reads the cgroup CPU quota files under
// /sys/fs/cgroup, parses two JSON documents and sets up a proxy matrix); the trees of
// the line model take 1-3 us to walk. So a loaded LinePredictor walks these trees for
// Predict, and calls XGBoost for PredictBatch (where the overhead is shared by the rows).
//
// Exactness: the arrays are read from XGBoost's own JSON model and evaluated as its CPU
// predictor does (numerical splits `value < condition` go left, NaN takes the default
// branch, leaf values summed in float, tree by tree, onto base_score). VerifyAgainst
// checks that on probe rows built from every split threshold (each value at, just below
// and just above its threshold, and missing) the result equals XGBoost's bit for bit;
// the predictor uses the compiled trees only when it does.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ml/xgboost_adapter.h"

namespace storepulse::ml {

class CompiledTrees {
 public:
  // From XGBoost's JSON model (XgbBooster::SaveJson). InvalidArgument when the model is
  // of a kind this does not evaluate (an objective other than reg:squarederror, a booster
  // other than gbtree, categorical splits, several outputs): callers then use XGBoost.
  static Result<CompiledTrees> FromJson(std::string_view model_json);

  // REQUIRES: row.size() == features().
  float Predict(std::span<const float> row) const;

  // OK when Predict equals `booster`'s prediction exactly on `probes` rows built from the
  // model's thresholds (deterministic); Internal naming the first differing row
  // otherwise.
  Status VerifyAgainst(const XgbBooster& booster, size_t probes = 512) const;

  size_t features() const { return features_; }
  size_t trees() const { return roots_.size(); }

 private:
  struct Node {
    float value = 0;       // split condition, or the leaf value for a leaf
    int32_t feature = -1;  // -1: a leaf
    int32_t left = -1;     // absolute indices into nodes_
    int32_t right = -1;
    bool default_left = false;
  };
  std::vector<Node> nodes_;
  std::vector<int32_t> roots_;
  float base_score_ = 0;
  size_t features_ = 0;
};

}  // namespace storepulse::ml
