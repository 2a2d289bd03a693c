#include "analytics/description_tally.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace storepulse::analytics {
namespace {

TEST(DescriptionTallyTest, MostLinesWinsAndTiesGoToTheLowestCode) {
  DescriptionTally tally(3);
  // Stock 0: description 5 twice, 2 once.
  tally.Add(0, 5);
  tally.Add(0, 2);
  tally.Add(0, 5);
  // Stock 1: 7 reaches two lines first, then 4 ties it: 4 (seen first in the table) wins.
  tally.Add(1, 7);
  tally.Add(1, 7);
  tally.Add(1, 4);
  tally.Add(1, 4);
  // Stock 2: 3 ties with nothing later above it.
  tally.Add(2, 3);
  tally.Add(2, 9);
  EXPECT_EQ(tally.Best(0), 5u);
  EXPECT_EQ(tally.Best(1), 4u);
  EXPECT_EQ(tally.Best(2), 3u);
  EXPECT_EQ(tally.TakeAll(), (std::vector<uint32_t>{5, 4, 3}));
}

TEST(DescriptionTallyTest, AnyCodeCanBeAStockCodesFirstDescription) {
  DescriptionTally tally(2);
  for (int i = 0; i < 3; ++i) tally.Add(0, UINT32_MAX);
  tally.Add(0, 5);
  tally.Add(0, 5);
  tally.Add(1, 0);
  tally.Add(1, 7);
  tally.Add(1, 7);
  EXPECT_EQ(tally.Best(0), UINT32_MAX);
  EXPECT_EQ(tally.Best(1), 7u);
}

}  // namespace
}  // namespace storepulse::analytics
