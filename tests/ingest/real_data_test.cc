// Golden test on the real export: the counts its README states, and figures recomputed
// here by a second, independent path (a plain sequential CSV reader, std::set and
// std::map, money parsed as strings of digits) that shares no code with ingest/.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/profile.h"
#include "independent_reader.h"
#include "ingest/csv_reader.h"
#include "real_data.h"

namespace storepulse {
namespace {

struct Independent {
  uint64_t rows = 0;
  uint64_t clean = 0;
  uint64_t cancellations = 0;
  uint64_t missing_customer_rows = 0;
  uint64_t duplicate_rows = 0;
  uint64_t duplicate_clean_rows = 0;
  // Revenue in thousandths of a pound: every price in the file has at most 3 decimals.
  long long revenue_milli = 0;
  std::set<std::string> invoices, customers, products, countries;
  std::string first_date, last_date;  // the export's text of the clean rows' dates
};

// "12/1/2010 8:26" -> "2010-12-01 08:26" so that strings sort as times.
std::string Sortable(const std::string& date) {
  int month, day, year, hour, minute;
  EXPECT_EQ(
      std::sscanf(date.c_str(), "%d/%d/%d %d:%d", &month, &day, &year, &hour, &minute), 5)
      << date;
  char text[32];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:00", year, month, day, hour,
                minute);
  return text;
}

Independent ComputeIndependently(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Independent figures;
  std::vector<std::string> fields;
  std::string raw;
  testing::ReadRecord(in, &fields, &raw);  // header
  std::map<std::string, int> seen_rows, seen_clean;
  while (testing::ReadRecord(in, &fields, &raw)) {
    ++figures.rows;
    EXPECT_EQ(fields.size(), 8u) << raw;
    if (seen_rows[raw]++ > 0) ++figures.duplicate_rows;
    const std::string& invoice = fields[0];
    const long long quantity = std::stoll(fields[3]);
    const long long price = testing::PriceMilli(fields[5]);
    const std::string& customer = fields[6];
    if (!invoice.empty() && invoice[0] == 'C') ++figures.cancellations;
    if (customer.empty()) ++figures.missing_customer_rows;
    if (quantity <= 0 || price <= 0 || customer.empty()) continue;
    ++figures.clean;
    if (seen_clean[raw]++ > 0) ++figures.duplicate_clean_rows;
    figures.revenue_milli += quantity * price;
    figures.invoices.insert(invoice);
    figures.customers.insert(customer);
    figures.products.insert(fields[1]);
    figures.countries.insert(fields[7]);
    const std::string date = Sortable(fields[4]);
    if (figures.first_date.empty() || date < figures.first_date)
      figures.first_date = date;
    if (figures.last_date.empty() || date > figures.last_date) figures.last_date = date;
  }
  return figures;
}

TEST(RealDataTest, CountsAndFiguresMatchAnIndependentReading) {
  SKIP_WITHOUT_REAL_DATA();
  auto ingested = ingest::ReadOrderLinesFile(testing::RealDataPath());
  ASSERT_TRUE(ingested.ok()) << ingested.status().ToString();
  const ingest::IngestStats& stats = ingested->stats;

  // The figures the data set's README states.
  EXPECT_EQ(stats.rows_read, 541'909u);
  EXPECT_EQ(stats.rows_clean, 397'884u);
  EXPECT_EQ(stats.rows_quarantined, 541'909u - 397'884u);
  EXPECT_EQ(stats.encoding, ingest::TextEncoding::kLatin1);
  EXPECT_EQ(stats.empty_values[static_cast<size_t>(ingest::OrderColumn::kCustomer)],
            135'080u);
  EXPECT_EQ(stats.empty_values[static_cast<size_t>(ingest::OrderColumn::kDescription)],
            1'454u);
  EXPECT_EQ(stats.quarantine_reasons[static_cast<size_t>(
                ingest::QuarantineReason::kCancellation)],
            9'288u);

  analytics::DataQuality quality;
  quality.duplicate_quarantined_rows = ingested->quarantine.CountDuplicateRows();
  const analytics::Profile profile = analytics::ComputeProfile(ingested->table, quality);
  EXPECT_EQ(profile.invoices, 18'532u);
  EXPECT_EQ(profile.customers, 4'338u);
  EXPECT_EQ(profile.products, 3'665u);
  EXPECT_EQ(profile.countries, 37u);
  EXPECT_EQ(profile.revenue.ToString(), "8911407.90");
  EXPECT_EQ(profile.duplicate_rows, 5'268u);
  EXPECT_EQ(profile.duplicate_clean_rows, 5'192u);

  // The same figures by the independent path.
  const Independent independent = ComputeIndependently(testing::RealDataPath());
  EXPECT_EQ(stats.rows_read, independent.rows);
  EXPECT_EQ(stats.rows_clean, independent.clean);
  EXPECT_EQ(profile.invoices, independent.invoices.size());
  EXPECT_EQ(profile.customers, independent.customers.size());
  EXPECT_EQ(profile.products, independent.products.size());
  EXPECT_EQ(profile.countries, independent.countries.size());
  EXPECT_EQ(profile.revenue.units(),
            static_cast<WideInt>(independent.revenue_milli) * 10);
  EXPECT_EQ(profile.duplicate_rows, independent.duplicate_rows);
  EXPECT_EQ(profile.duplicate_clean_rows, independent.duplicate_clean_rows);
  EXPECT_EQ(FormatIsoDateTime(profile.date_min), independent.first_date);
  EXPECT_EQ(FormatIsoDateTime(profile.date_max), independent.last_date);
  // Every row without a customer is quarantined; each is counted under one reason.
  uint64_t reasons = 0;
  for (uint64_t count : stats.quarantine_reasons) reasons += count;
  EXPECT_EQ(reasons, stats.rows_quarantined);
  EXPECT_EQ(independent.cancellations, 9'288u);
  EXPECT_EQ(independent.missing_customer_rows, 135'080u);
}

TEST(RealDataTest, GiftVoucherPoundSignsBecomeUtf8) {
  SKIP_WITHOUT_REAL_DATA();
  auto ingested = ingest::ReadOrderLinesFile(testing::RealDataPath());
  ASSERT_TRUE(ingested.ok());
  // The 32 0xA3 bytes of the file are all in voucher descriptions, on rows without a
  // customer: they reach the quarantine, as UTF-8.
  size_t utf8_pounds = 0;
  size_t bare_pounds = 0;
  for (size_t i = 0; i < ingested->quarantine.size(); ++i) {
    const std::string_view raw = ingested->quarantine.raw(i);
    for (size_t at = 0; at < raw.size(); ++at) {
      if (raw[at] != '\xA3') continue;
      (at > 0 && raw[at - 1] == '\xC2') ? ++utf8_pounds : ++bare_pounds;
    }
  }
  EXPECT_EQ(utf8_pounds, 32u);
  EXPECT_EQ(bare_pounds, 0u);
}

}  // namespace
}  // namespace storepulse
