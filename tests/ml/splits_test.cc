#include "ml/splits.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/civil_time.h"
#include "ml_test_util.h"

namespace storepulse::ml {
namespace {

TEST(SplitsTest, SplitMix64MatchesItsReferenceValues) {
  // The first outputs of the reference splitmix64 generator seeded with 0 are
  // SplitMix64(0), SplitMix64(golden ratio), ...; a peer in Python reproduces them.
  EXPECT_EQ(SplitMix64(0), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(SplitMix64(0x9e3779b97f4a7c15ULL), 0x6e789e6aa1b965f4ULL);
}

TEST(SplitsTest, RandomSplitIsDeterministicDisjointAndNearItsShares) {
  const RowSplit split = RandomSplit(100'000, 42, 0.2, 0.1);
  const RowSplit again = RandomSplit(100'000, 42, 0.2, 0.1);
  EXPECT_EQ(split.test, again.test);
  EXPECT_EQ(split.validation, again.validation);
  EXPECT_EQ(split.fit.size() + split.validation.size() + split.test.size(), 100'000u);
  EXPECT_NEAR(split.test.size() / 100'000.0, 0.2, 0.01);
  EXPECT_NEAR(split.validation.size() / 100'000.0, 0.1, 0.01);
  std::set<size_t> all(split.fit.begin(), split.fit.end());
  all.insert(split.validation.begin(), split.validation.end());
  all.insert(split.test.begin(), split.test.end());
  EXPECT_EQ(all.size(), 100'000u);
  const std::vector<size_t> training = split.Training();
  EXPECT_TRUE(std::is_sorted(training.begin(), training.end()));
  EXPECT_EQ(training.size(), split.fit.size() + split.validation.size());
  EXPECT_NE(RandomSplit(100'000, 43, 0.2, 0.1).test, split.test);
}

TEST(SplitsTest, TimeSplitHoldsOutTheLastDates) {
  const Table table = testing::GeneratedTable(30'000);
  const RowSplit split = TimeSplit(table, 0.2, 0.1);
  ASSERT_FALSE(split.test.empty());
  ASSERT_FALSE(split.validation.empty());
  int64_t latest_fit = INT64_MIN, earliest_validation = INT64_MAX,
          latest_validation = INT64_MIN, earliest_test = INT64_MAX;
  std::set<int64_t> test_days, all_days;
  for (size_t row : split.fit)
    latest_fit = std::max(latest_fit, DayOf(table.timestamps()[row]));
  for (size_t row : split.validation) {
    earliest_validation = std::min(earliest_validation, DayOf(table.timestamps()[row]));
    latest_validation = std::max(latest_validation, DayOf(table.timestamps()[row]));
  }
  for (size_t row : split.test) {
    earliest_test = std::min(earliest_test, DayOf(table.timestamps()[row]));
    test_days.insert(DayOf(table.timestamps()[row]));
  }
  for (const Timestamp timestamp : table.timestamps()) all_days.insert(DayOf(timestamp));
  EXPECT_LT(latest_fit, earliest_validation);
  EXPECT_LT(latest_validation, earliest_test);
  EXPECT_NEAR(static_cast<double>(test_days.size()) / all_days.size(), 0.2, 0.05);
}

}  // namespace
}  // namespace storepulse::ml
