#include "synth/random.h"

#include <gtest/gtest.h>

#include <array>
#include <numeric>
#include <set>
#include <vector>

namespace storepulse::synth {
namespace {

TEST(RngTest, SameSeedSameSequenceOtherSeedOtherSequence) {
  Rng first(7);
  Rng again(7);
  Rng other(8);
  int differences = 0;
  for (int i = 0; i < 100; ++i) {
    const uint64_t value = first.Next();
    EXPECT_EQ(value, again.Next());
    differences += value != other.Next();
  }
  EXPECT_EQ(differences, 100);
}

TEST(RngTest, StreamSeedsAreDistinctPerPurposeAndIndex) {
  std::set<uint64_t> seeds;
  for (uint64_t purpose = 0; purpose < 10; ++purpose) {
    for (uint64_t index = 0; index < 1'000; ++index)
      seeds.insert(StreamSeed(42, purpose, index));
  }
  EXPECT_EQ(seeds.size(), 10'000u);
  EXPECT_NE(StreamSeed(42, 1, 2), StreamSeed(43, 1, 2));
}

TEST(RngTest, BelowIsInRangeAndEven) {
  Rng rng(1);
  std::array<int, 7> counts{};
  for (int i = 0; i < 70'000; ++i) {
    const uint64_t value = rng.Below(7);
    ASSERT_LT(value, 7u);
    ++counts[value];
  }
  for (const int count : counts) {
    EXPECT_GT(count, 9'500);
    EXPECT_LT(count, 10'500);
  }
}

TEST(RngTest, BetweenIncludesBothEnds) {
  Rng rng(2);
  std::set<int64_t> seen;
  for (int i = 0; i < 1'000; ++i) {
    const int64_t value = rng.Between(-2, 2);
    ASSERT_GE(value, -2);
    ASSERT_LE(value, 2);
    seen.insert(value);
  }
  EXPECT_EQ(seen.size(), 5u);
}

TEST(RngTest, ChanceFollowsTheThreshold) {
  Rng rng(3);
  int hits = 0;
  for (int i = 0; i < 100'000; ++i) hits += rng.Chance(ProbabilityThreshold(0.25));
  EXPECT_GT(hits, 24'000);
  EXPECT_LT(hits, 26'000);
  EXPECT_EQ(ProbabilityThreshold(0.0), 0u);
  EXPECT_EQ(ProbabilityThreshold(1.0), UINT64_MAX);
}

TEST(AliasTableTest, SamplesInProportionToTheWeights) {
  const std::vector<double> weights = {1.0, 2.0, 3.0, 0.0, 4.0};
  const AliasTable table(weights);
  ASSERT_EQ(table.size(), weights.size());
  Rng rng(4);
  std::array<int, 5> counts{};
  constexpr int kDraws = 1'000'000;
  for (int i = 0; i < kDraws; ++i) ++counts[table.Sample(rng)];
  EXPECT_EQ(counts[3], 0);  // weight 0: never
  for (size_t i = 0; i < weights.size(); ++i) {
    EXPECT_NEAR(static_cast<double>(counts[i]) / kDraws, weights[i] / 10.0, 0.003) << i;
  }
}

TEST(AliasTableTest, ASingleWeightAlwaysAnswersItself) {
  const std::array<double, 1> weights = {0.5};
  const AliasTable table(weights);
  Rng rng(5);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(table.Sample(rng), 0u);
}

TEST(AliasTableTest, HandlesVerySkewedWeights) {
  std::vector<double> weights(1'000, 1e-9);
  weights[500] = 1.0;
  const AliasTable table(weights);
  Rng rng(6);
  int hits = 0;
  for (int i = 0; i < 10'000; ++i) hits += table.Sample(rng) == 500;
  EXPECT_GT(hits, 9'990);
}

TEST(ZipfWeightsTest, DecreaseWithRank) {
  const std::vector<double> weights = ZipfWeights(100, 1.0, 1.0);
  ASSERT_EQ(weights.size(), 100u);
  EXPECT_DOUBLE_EQ(weights[0], 1.0);
  EXPECT_DOUBLE_EQ(weights[9], 0.1);
  EXPECT_TRUE(std::is_sorted(weights.rbegin(), weights.rend()));
}

TEST(DiscreteLogNormalWeightsTest, HaveTheRequestedMedian) {
  const std::vector<double> weights = DiscreteLogNormalWeights(500, 15.0, 0.9);
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  EXPECT_NEAR(total, 1.0, 1e-3);  // little mass beyond 500
  double below = 0.0;
  int median = 0;
  while (below < total / 2) below += weights[median++];
  EXPECT_EQ(median, 15);
}

}  // namespace
}  // namespace storepulse::synth
