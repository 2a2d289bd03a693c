#include "analytics/rfm.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analytics/analytics_context.h"
#include "analytics/report_registry.h"
#include "core/table.h"

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

// The report leaves out a rendering the caller says it will not use (batch writes only
// rfm.csv), and builds the one it asks for in full.
TEST(RfmReportTest, RendersOnlyTheFormatsAskedFor) {
  TableBuilder builder;
  for (const auto& [invoice, customer] :
       std::vector<std::pair<std::string, std::string>>{{"1", "17850"}, {"2", "12583"}}) {
    OrderLine line;
    line.invoice = invoice;
    line.stock_code = "85123A";
    line.description = "HEART";
    line.quantity = 2;
    ASSERT_TRUE(ParseDateTime("12/1/2010 8:26", &line.timestamp));
    line.unit_price = Money::FromUnits(25500);
    line.customer = customer;
    line.country = "United Kingdom";
    ASSERT_TRUE(builder.Append(line).ok());
  }
  const Table table = builder.Finish();
  AnalyticsContext context(table);

  ReportOptions csv_only;
  csv_only.wants_json = false;
  csv_only.wants_text = false;
  auto csv = FindReportKind("rfm")->render(context, csv_only);
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  EXPECT_NE(csv->csv.find("17850,"), std::string::npos) << csv->csv;
  EXPECT_NE(csv->csv.find("12583,"), std::string::npos) << csv->csv;
  EXPECT_TRUE(csv->json["customers"].empty());

  ReportOptions json_only;
  json_only.wants_csv = false;
  auto json = FindReportKind("rfm")->render(context, json_only);
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(json->csv.find("17850"), std::string::npos) << json->csv;
  ASSERT_EQ(json->json["customers"].size(), 2u);
  EXPECT_EQ(json->json["customers"][0]["customer_id"], "17850");
}

}  // namespace
}  // namespace storepulse::analytics
