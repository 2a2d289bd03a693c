// The compiled trees give XGBoost's predictions bit for bit, for both line model
// families, on real rows and on rows with missing values; other kinds of model are
// refused (and then served by XGBoost).
#include "ml/compiled_trees.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "ml/booster_training.h"
#include "ml/line_features.h"
#include "ml/splits.h"
#include "ml_test_util.h"

namespace storepulse::ml {
namespace {

class CompiledTreesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<size_t> rows(table_.size());
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    features_ = LineFeatureMatrix(table_, rows, FitLineEncodings(table_, rows));
    for (size_t row : rows) {
      revenue_.push_back(static_cast<double>(table_.LineRevenue(row).units()) / 1e4);
    }
    // Some missing values, so that default branches are learnt and taken.
    for (size_t row = 0; row < features_.rows; row += 7) {
      features_.Row(row)[row % kLineFeatureCount] = std::nanf("");
    }
  }

  void ExpectSameAsXgboost(const BoosterConfig& config) {
    auto booster = TrainBooster(features_, revenue_, config, 1);
    ASSERT_OK(booster.status());
    auto json = booster->SaveJson();
    ASSERT_OK(json.status());
    auto compiled = CompiledTrees::FromJson(*json);
    ASSERT_OK(compiled.status());
    EXPECT_EQ(compiled->features(), kLineFeatureCount);
    EXPECT_OK(compiled->VerifyAgainst(*booster));
    auto expected = booster->Predict(features_);
    ASSERT_OK(expected.status());
    size_t differences = 0;
    for (size_t row = 0; row < features_.rows; ++row) {
      if (compiled->Predict(features_.Row(row)) != (*expected)[row]) ++differences;
    }
    EXPECT_EQ(differences, 0u) << config.name;
  }

  const Table table_ = testing::GeneratedTable(20'000);
  DenseMatrix features_;
  std::vector<double> revenue_;
};

TEST_F(CompiledTreesTest, RandomForestPredictsAsXgboost) {
  ExpectSameAsXgboost(RandomForestConfig(20, 8, 42));
}

TEST_F(CompiledTreesTest, BoostedTreesPredictAsXgboost) {
  ExpectSameAsXgboost(GradientBoostedConfig(100, 3, 0.5, 42));
}

TEST_F(CompiledTreesTest, OtherObjectivesAreLeftToXgboost) {
  BoosterConfig tweedie = GradientBoostedConfig(5, 2, 0.3, 42);
  tweedie.transform = TargetTransform::kNone;
  for (auto& [name, value] : tweedie.params) {
    if (name == "objective") value = "reg:tweedie";
  }
  auto booster = TrainBooster(features_, revenue_, tweedie, 1);
  ASSERT_OK(booster.status());
  auto compiled = CompiledTrees::FromJson(*booster->SaveJson());
  EXPECT_EQ(compiled.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(compiled.status().message(), ::testing::HasSubstr("reg:squarederror"));
  EXPECT_FALSE(CompiledTrees::FromJson("{oops").ok());
  EXPECT_FALSE(CompiledTrees::FromJson(R"({"learner": {}})").ok());
}

}  // namespace
}  // namespace storepulse::ml
