#include "ml/compiled_trees.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <random>

namespace storepulse::ml {
namespace {

// XGBoost writes numbers of its parameters as strings ("5E-1", "10").
double NumberOf(const nlohmann::json& value) {
  return value.is_string() ? std::stod(value.get<std::string>()) : value.get<double>();
}

}  // namespace

Result<CompiledTrees> CompiledTrees::FromJson(std::string_view model_json) {
  const nlohmann::json model =
      nlohmann::json::parse(model_json, nullptr, /*allow_exceptions=*/false);
  if (model.is_discarded()) return Status::InvalidArgument("model is not JSON");
  CompiledTrees compiled;
  try {
    const nlohmann::json& learner = model.at("learner");
    if (learner.at("objective").at("name") != "reg:squarederror") {
      return Status::InvalidArgument("only reg:squarederror models are compiled");
    }
    const nlohmann::json& params = learner.at("learner_model_param");
    if (NumberOf(params.at("num_class")) > 1 ||
        (params.contains("num_target") && NumberOf(params.at("num_target")) > 1)) {
      return Status::InvalidArgument("only single-output models are compiled");
    }
    compiled.base_score_ = static_cast<float>(NumberOf(params.at("base_score")));
    compiled.features_ = static_cast<size_t>(NumberOf(params.at("num_feature")));
    const nlohmann::json& booster = learner.at("gradient_booster");
    if (booster.at("name") != "gbtree") {
      return Status::InvalidArgument("only gbtree models are compiled");
    }
    for (const nlohmann::json& tree : booster.at("model").at("trees")) {
      if (!tree.at("categories").empty()) {
        return Status::InvalidArgument("categorical splits are not compiled");
      }
      const auto left = tree.at("left_children").get<std::vector<int32_t>>();
      const auto right = tree.at("right_children").get<std::vector<int32_t>>();
      const auto conditions = tree.at("split_conditions").get<std::vector<float>>();
      const auto indices = tree.at("split_indices").get<std::vector<int32_t>>();
      const auto default_left = tree.at("default_left").get<std::vector<int>>();
      const size_t nodes = left.size();
      if (nodes == 0 || right.size() != nodes || conditions.size() != nodes ||
          indices.size() != nodes || default_left.size() != nodes) {
        return Status::InvalidArgument("a tree's arrays differ in length");
      }
      const auto offset = static_cast<int32_t>(compiled.nodes_.size());
      compiled.roots_.push_back(offset);
      for (size_t i = 0; i < nodes; ++i) {
        Node node;
        node.value = conditions[i];
        if (left[i] >= 0) {
          if (left[i] >= static_cast<int32_t>(nodes) || right[i] < 0 ||
              right[i] >= static_cast<int32_t>(nodes) || indices[i] < 0 ||
              static_cast<size_t>(indices[i]) >= compiled.features_) {
            return Status::InvalidArgument("a tree node points out of range");
          }
          node.feature = indices[i];
          node.left = offset + left[i];
          node.right = offset + right[i];
          node.default_left = default_left[i] != 0;
        }
        compiled.nodes_.push_back(node);
      }
    }
  } catch (const std::exception& error) {
    return Status::InvalidArgument(
        fmt::format("unexpected model JSON: {}", error.what()));
  }
  return compiled;
}

float CompiledTrees::Predict(std::span<const float> row) const {
  float sum = base_score_;
  for (const int32_t root : roots_) {
    const Node* node = &nodes_[root];
    while (node->feature >= 0) {
      const float value = row[node->feature];
      const bool go_left = std::isnan(value) ? node->default_left : value < node->value;
      node = &nodes_[go_left ? node->left : node->right];
    }
    sum += node->value;
  }
  return sum;
}

Status CompiledTrees::VerifyAgainst(const XgbBooster& booster, size_t probes) const {
  // Per feature, the values worth probing: each threshold, its float neighbours, a
  // missing value and the extremes.
  std::vector<std::vector<float>> candidates(features_);
  for (auto& values : candidates) {
    values = {std::nanf(""), 0.0f, -1e30f, 1e30f};
  }
  for (const Node& node : nodes_) {
    if (node.feature < 0) continue;
    auto& values = candidates[node.feature];
    values.push_back(node.value);
    values.push_back(std::nextafter(node.value, -std::numeric_limits<float>::infinity()));
    values.push_back(std::nextafter(node.value, std::numeric_limits<float>::infinity()));
  }
  std::mt19937_64 random(20240501);
  DenseMatrix rows(probes, features_);
  for (size_t r = 0; r < probes; ++r) {
    for (size_t f = 0; f < features_; ++f) {
      const auto& values = candidates[f];
      rows.Row(r)[f] = values[random() % values.size()];
    }
  }
  SP_ASSIGN_OR_RETURN(const std::vector<float> expected, booster.Predict(rows));
  for (size_t r = 0; r < probes; ++r) {
    const float got = Predict(rows.Row(r));
    if (got != expected[r]) {
      return Status::Internal(
          fmt::format("compiled trees give {} where XGBoost gives {} (probe row {})", got,
                      expected[r], r));
    }
  }
  return Status::Ok();
}

}  // namespace storepulse::ml
