// Golden figures of the reports on the real export, each recomputed here by a plain scan
// of the CSV (independent_reader.h) with std::map and sorting — no analytics/ code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analytics/analytics_context.h"
#include "analytics/report_registry.h"
#include "independent_reader.h"
#include "ingest/csv_reader.h"
#include "real_data.h"

namespace storepulse {
namespace {

struct CleanLine {
  std::string invoice, stock_code, customer, country;
  long long quantity = 0, price_milli = 0;
  int year = 0, month = 0, day = 0, hour = 0;
};

std::vector<CleanLine> ReadCleanLines() {
  std::ifstream in(testing::RealDataPath(), std::ios::binary);
  std::vector<std::string> fields;
  std::string raw;
  testing::ReadRecord(in, &fields, &raw);
  std::vector<CleanLine> lines;
  while (testing::ReadRecord(in, &fields, &raw)) {
    CleanLine line;
    line.quantity = std::stoll(fields[3]);
    line.price_milli = testing::PriceMilli(fields[5]);
    if (line.quantity <= 0 || line.price_milli <= 0 || fields[6].empty()) continue;
    line.invoice = fields[0];
    line.stock_code = fields[1];
    line.customer = fields[6];
    line.country = fields[7];
    int minute = 0;
    std::sscanf(fields[4].c_str(), "%d/%d/%d %d:%d", &line.month, &line.day, &line.year,
                &line.hour, &minute);
    lines.push_back(line);
  }
  return lines;
}

// "123456" thousandths -> "123.46" (half away from zero; all values here are positive).
std::string MilliToPounds(long long milli) {
  const long long cents = (milli + 5) / 10;
  char text[64];
  std::snprintf(text, sizeof(text), "%lld.%02lld", cents / 100, cents % 100);
  return text;
}

// NumPy's default percentile: linear interpolation between order statistics.
double Percentile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double rank = q / 100.0 * static_cast<double>(values.size() - 1);
  const size_t lower = static_cast<size_t>(rank);
  const size_t upper = std::min(lower + 1, values.size() - 1);
  return values[lower] +
         (values[upper] - values[lower]) * (rank - static_cast<double>(lower));
}

class RealDataReportsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(testing::RealDataPath())) return;
    ingested_ = new ingest::IngestResult(
        std::move(ingest::ReadOrderLinesFile(testing::RealDataPath()).value()));
    lines_ = new std::vector<CleanLine>(ReadCleanLines());
  }
  static void TearDownTestSuite() {
    delete ingested_;
    delete lines_;
    ingested_ = nullptr;
    lines_ = nullptr;
  }
  nlohmann::ordered_json Report(const char* kind, analytics::ReportOptions options = {}) {
    analytics::AnalyticsContext context(ingested_->table);
    auto rendered = analytics::FindReportKind(kind)->render(context, options);
    EXPECT_TRUE(rendered.ok()) << rendered.status().ToString();
    return rendered->json;
  }

  static ingest::IngestResult* ingested_;
  static std::vector<CleanLine>* lines_;
};
ingest::IngestResult* RealDataReportsTest::ingested_ = nullptr;
std::vector<CleanLine>* RealDataReportsTest::lines_ = nullptr;

TEST_F(RealDataReportsTest, LastDayDailyMetrics) {
  SKIP_WITHOUT_REAL_DATA();
  long long revenue = 0, quantity = 0;
  size_t lines = 0;
  std::set<std::string> invoices, customers, products, countries;
  std::map<int, long long> by_hour;
  for (const CleanLine& l : *lines_) {
    if (l.year != 2011 || l.month != 12 || l.day != 9) continue;
    revenue += l.quantity * l.price_milli;
    quantity += l.quantity;
    ++lines;
    invoices.insert(l.invoice);
    customers.insert(l.customer);
    products.insert(l.stock_code);
    countries.insert(l.country);
    by_hour[l.hour] += l.quantity * l.price_milli;
  }
  const auto peak =
      std::max_element(by_hour.begin(), by_hour.end(),
                       [](auto& a, auto& b) { return a.second < b.second; });
  const auto json = Report("daily");
  EXPECT_EQ(json["date"], "2011-12-09");
  EXPECT_EQ(MilliToPounds(revenue), "184349.28");  // the prototype's README figure
  EXPECT_DOUBLE_EQ(json["revenue"].get<double>(), 184349.28);
  EXPECT_EQ(json["orders"], invoices.size());
  EXPECT_EQ(json["lines"], lines);
  EXPECT_EQ(json["customers"], customers.size());
  EXPECT_EQ(json["products"], products.size());
  EXPECT_EQ(json["countries"], countries.size());
  EXPECT_EQ(json["quantity"], quantity);
  EXPECT_EQ(json["peak_hour"], peak->first);
  EXPECT_DOUBLE_EQ(json["peak_hour_revenue"].get<double>(),
                   std::stod(MilliToPounds(peak->second)));
  EXPECT_DOUBLE_EQ(
      json["average_order_value"].get<double>(),
      std::stod(MilliToPounds(revenue / static_cast<long long>(invoices.size()))));
  EXPECT_EQ(json["top_customers"][0]["customer_id"], "16446");
  EXPECT_EQ(json["top_products"][0]["stock_code"], "23843");
}

TEST_F(RealDataReportsTest, TiersAndThresholds) {
  SKIP_WITHOUT_REAL_DATA();
  std::map<std::string, long long> revenue;
  std::map<std::string, std::set<std::string>> orders;
  for (const CleanLine& l : *lines_) {
    revenue[l.customer] += l.quantity * l.price_milli;
    orders[l.customer].insert(l.invoice);
  }
  std::vector<double> pounds;
  for (const auto& [customer, milli] : revenue)
    pounds.push_back(std::round(milli / 10.0) / 100.0);
  const double p33 = Percentile(pounds, 33), p67 = Percentile(pounds, 67),
               p95 = Percentile(pounds, 95);
  std::map<std::string, int> tier_count;
  for (double value : pounds) {
    tier_count[value >= p95   ? "VIP"
               : value >= p67 ? "High Value"
               : value >= p33 ? "Medium Value"
                              : "Low Value"]++;
  }
  const auto json = Report("segments");
  EXPECT_NEAR(json["thresholds"]["vip_min_p95"].get<double>(), p95, 1e-6);
  EXPECT_NEAR(json["thresholds"]["high_value_min_p67"].get<double>(), p67, 1e-6);
  EXPECT_NEAR(json["thresholds"]["medium_value_min_p33"].get<double>(), p33, 1e-6);
  for (const auto& [tier, count] : tier_count) {
    EXPECT_EQ(json["tiers"][tier]["customers"], count) << tier;
  }
  EXPECT_EQ(json["customers"], revenue.size());
}

TEST_F(RealDataReportsTest, UnitedKingdomAndOneProduct) {
  SKIP_WITHOUT_REAL_DATA();
  long long uk_revenue = 0, product_revenue = 0, product_units = 0;
  std::set<std::string> uk_orders, uk_customers, product_orders, product_customers;
  for (const CleanLine& l : *lines_) {
    if (l.country == "United Kingdom") {
      uk_revenue += l.quantity * l.price_milli;
      uk_orders.insert(l.invoice);
      uk_customers.insert(l.customer);
    }
    if (l.stock_code == "85123A") {
      product_revenue += l.quantity * l.price_milli;
      product_units += l.quantity;
      product_orders.insert(l.invoice);
      product_customers.insert(l.customer);
    }
  }
  const auto countries = Report("countries");
  const auto& uk = countries["rows"][0];
  EXPECT_EQ(uk["country"], "United Kingdom");
  EXPECT_DOUBLE_EQ(uk["revenue"].get<double>(), std::stod(MilliToPounds(uk_revenue)));
  EXPECT_EQ(uk["orders"], uk_orders.size());
  EXPECT_EQ(uk["customers"], uk_customers.size());

  analytics::ReportOptions all;
  all.top = 100000;
  const auto products = Report("products", all);
  const auto found =
      std::find_if(products["rows"].begin(), products["rows"].end(),
                   [](const auto& row) { return row["stock_code"] == "85123A"; });
  ASSERT_NE(found, products["rows"].end());
  EXPECT_DOUBLE_EQ((*found)["revenue"].get<double>(),
                   std::stod(MilliToPounds(product_revenue)));
  EXPECT_EQ((*found)["quantity"], product_units);
  EXPECT_EQ((*found)["orders"], product_orders.size());
  EXPECT_EQ((*found)["customers"], product_customers.size());
  EXPECT_EQ((*found)["description"], "WHITE HANGING HEART T-LIGHT HOLDER");
}

TEST_F(RealDataReportsTest, ADateWithoutSalesIsNotFoundWithTheRange) {
  SKIP_WITHOUT_REAL_DATA();
  analytics::AnalyticsContext context(ingested_->table);
  analytics::ReportOptions options;
  options.day = DaysFromCivil(CivilDate{2011, 12, 10});
  auto rendered = analytics::FindReportKind("daily")->render(context, options);
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(rendered.status().message(),
            "no sales on 2011-12-10: the data has sales from 2010-12-01 to 2011-12-09");
}

}  // namespace
}  // namespace storepulse
