#include "analytics/rfm.h"

#include <gtest/gtest.h>

#include <vector>

namespace storepulse::analytics {
namespace {

CustomerSummary Customer(uint32_t code, int64_t last_day, uint64_t orders,
                         int64_t pounds) {
  CustomerSummary c;
  c.customer = code;
  c.last_purchase = last_day * kSecondsPerDay + 12 * 3600;
  c.first_purchase = c.last_purchase;
  c.orders = orders;
  c.revenue = MoneySum(static_cast<WideInt>(pounds) * Money::kUnitsPerCurrency);
  return c;
}

TEST(RfmTest, RecencyCountsWholeDaysToTheDayAfterTheLastSale) {
  const std::vector<CustomerSummary> customers = {Customer(0, 100, 1, 10),
                                                  Customer(1, 90, 2, 20)};
  const auto scores = ScoreRfm(customers, 101);
  // Bought at noon on day 100, the snapshot is midnight of day 101: 0 whole days.
  EXPECT_EQ(scores[0].recency_days, 0);
  EXPECT_EQ(scores[1].recency_days, 10);
}

TEST(RfmTest, QuintilesFollowPandasQcutOfFirstRanks) {
  // Ten customers, monetary 1..10: qcut of ranks 1..10 into 5 bins gives 1,1,2,2,...,5,5.
  std::vector<CustomerSummary> customers;
  for (uint32_t i = 0; i < 10; ++i) customers.push_back(Customer(i, 100, 1 + i, 1 + i));
  const auto scores = ScoreRfm(customers, 101);
  const std::vector<int> expected = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
  for (size_t i = 0; i < 10; ++i) {
    EXPECT_EQ(scores[i].m, expected[i]) << i;
    EXPECT_EQ(scores[i].f, expected[i]) << i;
  }
}

TEST(RfmTest, TheMostRecentCustomersScoreFiveOnRecency) {
  std::vector<CustomerSummary> customers;
  for (uint32_t i = 0; i < 10; ++i) customers.push_back(Customer(i, 90 + i, 1, 10));
  const auto scores = ScoreRfm(customers, 100);
  EXPECT_EQ(scores[9].r, 5);  // bought yesterday
  EXPECT_EQ(scores[0].r, 1);  // bought ten days ago
}

TEST(RfmTest, SegmentRulesInTheirDocumentedOrder) {
  EXPECT_EQ(SegmentOf(5, 5, 40), RfmSegment::kChampions);
  EXPECT_EQ(SegmentOf(3, 3, 5), RfmSegment::kLoyal);
  EXPECT_EQ(SegmentOf(5, 2, 1), RfmSegment::kNew);
  EXPECT_EQ(SegmentOf(4, 2, 2), RfmSegment::kPotentialLoyalist);
  EXPECT_EQ(SegmentOf(1, 5, 30), RfmSegment::kCantLose);
  EXPECT_EQ(SegmentOf(2, 3, 4), RfmSegment::kAtRisk);
  EXPECT_EQ(SegmentOf(3, 1, 1), RfmSegment::kHibernating);
  EXPECT_EQ(SegmentOf(1, 1, 1), RfmSegment::kLost);
}

}  // namespace
}  // namespace storepulse::analytics
