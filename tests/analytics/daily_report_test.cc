#include <gtest/gtest.h>

#include <string>

#include "analytics/analytics_context.h"
#include "analytics/report_registry.h"
#include "core/civil_time.h"
#include "core/table.h"

namespace storepulse::analytics {
namespace {

Table TwoDays() {
  TableBuilder builder;
  for (const auto& [invoice, when] :
       {std::pair{"1", "12/1/2010 8:26"}, std::pair{"2", "12/1/2010 9:00"},
        std::pair{"3", "12/3/2010 10:15"}}) {
    OrderLine line;
    line.invoice = invoice;
    line.stock_code = "85123A";
    line.description = "HEART";
    line.quantity = 2;
    EXPECT_TRUE(ParseDateTime(when, &line.timestamp));
    line.unit_price = Money::FromUnits(25500);  // £2.55
    line.customer = "17850";
    line.country = "United Kingdom";
    EXPECT_TRUE(builder.Append(line).ok());
  }
  return builder.Finish();
}

// The batch's daily_metrics.json carries every date's summary; `report daily` and the
// API answer for one day only.
TEST(DailyReportTest, EveryDayAddsEachDatesSummary) {
  const Table table = TwoDays();
  AnalyticsContext context(table);
  auto one_day = FindReportKind("daily")->render(context, ReportOptions{});
  ASSERT_TRUE(one_day.ok()) << one_day.status().message();
  EXPECT_EQ(one_day->json["date"], "2010-12-03");
  EXPECT_FALSE(one_day->json.contains("days"));

  ReportOptions options;
  options.every_day = true;
  auto every_day = FindReportKind("daily")->render(context, options);
  ASSERT_TRUE(every_day.ok()) << every_day.status().message();
  EXPECT_EQ(every_day->json["date"], "2010-12-03");
  const auto& days = every_day->json["days"];
  ASSERT_EQ(days.size(), 2u);  // days with sales only
  EXPECT_EQ(days[0]["date"], "2010-12-01");
  EXPECT_EQ(days[0]["orders"], 2);
  EXPECT_EQ(days[0]["lines"], 2);
  EXPECT_EQ(days[0]["customers"], 1);
  EXPECT_EQ(days[0]["revenue"].dump(), "10.2");
  EXPECT_EQ(days[1]["date"], "2010-12-03");
  EXPECT_EQ(days[1]["revenue"].dump(), "5.1");
}

}  // namespace
}  // namespace storepulse::analytics
