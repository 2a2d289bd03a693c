#include "core/table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace storepulse {
namespace {

using testing::RowText;

OrderLine Line(std::string_view invoice, std::string_view stock,
               std::string_view description, int32_t quantity, Timestamp timestamp,
               int64_t price_units, std::string_view customer, std::string_view country) {
  OrderLine line;
  line.invoice = invoice;
  line.stock_code = stock;
  line.description = description;
  line.quantity = quantity;
  line.timestamp = timestamp;
  line.unit_price = Money::FromUnits(price_units);
  line.customer = customer;
  line.country = country;
  return line;
}

Table Build(const std::vector<OrderLine>& lines) {
  TableBuilder builder;
  for (const OrderLine& line : lines) EXPECT_OK(builder.Append(line));
  return builder.Finish();
}

std::vector<std::string> AllRows(const Table& table) {
  std::vector<std::string> rows;
  for (size_t row = 0; row < table.size(); ++row) rows.push_back(RowText(table, row));
  return rows;
}

TEST(TableBuilderTest, RowsRoundTripEveryField) {
  const Timestamp t = MakeTimestamp({{2010, 12, 1}, 8, 26, 0});
  const Table table = Build({
      Line("536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, t, 25'500,
           "17850", "United Kingdom"),
      Line("536365", "71053", "WHITE METAL LANTERN", 6, t, 33'900, "17850",
           "United Kingdom"),
      Line("536366", "22633", "HAND WARMER UNION JACK", -2, t + 120, 18'500, "",
           "France"),
  });
  ASSERT_EQ(table.size(), 3u);
  EXPECT_FALSE(table.empty());
  const OrderLine first = table.Row(0);
  EXPECT_EQ(first.invoice, "536365");
  EXPECT_EQ(first.stock_code, "85123A");
  EXPECT_EQ(first.description, "WHITE HANGING HEART T-LIGHT HOLDER");
  EXPECT_EQ(first.quantity, 6);
  EXPECT_EQ(first.timestamp, t);
  EXPECT_EQ(first.unit_price.units(), 25'500);
  EXPECT_EQ(first.customer, "17850");
  EXPECT_EQ(first.country, "United Kingdom");
  EXPECT_EQ(RowText(table, 1),
            "536365|71053|WHITE METAL LANTERN|6|2010-12-01T08:26:00|33900|17850|United "
            "Kingdom");
  EXPECT_EQ(RowText(table, 2),
            "536366|22633|HAND WARMER UNION JACK|-2|2010-12-01T08:28:00|18500||France");
}

TEST(TableBuilderTest, EmptyCustomerIsNoCustomer) {
  const Table table = Build({
      Line("1", "A", "d", 1, 0, 1, "", "UK"),
      Line("2", "A", "d", 1, 0, 1, "12346", "UK"),
      Line("3", "A", "d", 1, 0, 1, "", "UK"),
  });
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table.customer_codes()[0], kNoCustomer);
  EXPECT_EQ(table.customer_codes()[1], 0u);
  EXPECT_EQ(table.customer_codes()[2], kNoCustomer);
  EXPECT_EQ(table.customers().size(), 1u);
  EXPECT_TRUE(table.Row(0).customer.empty());
  EXPECT_EQ(table.Row(1).customer, "12346");
}

TEST(TableBuilderTest, RepeatedStringsShareCodes) {
  const Table table = Build({
      Line("536365", "85123A", "HEART", 1, 0, 1, "17850", "United Kingdom"),
      Line("536366", "71053", "LANTERN", 1, 0, 1, "13047", "France"),
      Line("536365", "85123A", "HEART", 1, 0, 1, "17850", "United Kingdom"),
  });
  EXPECT_EQ(table.invoice_codes()[0], table.invoice_codes()[2]);
  EXPECT_NE(table.invoice_codes()[0], table.invoice_codes()[1]);
  EXPECT_EQ(table.stock_codes()[0], table.stock_codes()[2]);
  EXPECT_EQ(table.description_codes()[0], table.description_codes()[2]);
  EXPECT_EQ(table.customer_codes()[0], table.customer_codes()[2]);
  EXPECT_EQ(table.country_codes()[0], table.country_codes()[2]);
  EXPECT_EQ(table.invoices().size(), 2u);
  EXPECT_EQ(table.countries().size(), 2u);
  EXPECT_EQ(table.countries().Get(table.country_codes()[1]), "France");
}

TEST(TableBuilderTest, OneStockCodeWithChangingDescriptions) {
  // The export gives some stock codes several descriptions, in any order.
  const Table table = Build({
      Line("1", "23166", "MEDIUM CERAMIC TOP STORAGE JAR", 1, 0, 1, "1", "UK"),
      Line("2", "23166", "", 1, 0, 1, "1", "UK"),
      Line("3", "23166", "MEDIUM CERAMIC TOP STORAGE JAR", 1, 0, 1, "1", "UK"),
      Line("4", "71053", "", 1, 0, 1, "1", "UK"),
      Line("5", "23166", "damaged", 1, 0, 1, "1", "UK"),
      Line("6", "71053", "WHITE METAL LANTERN", 1, 0, 1, "1", "UK"),
  });
  ASSERT_EQ(table.size(), 6u);
  EXPECT_EQ(table.Row(0).description, "MEDIUM CERAMIC TOP STORAGE JAR");
  EXPECT_EQ(table.Row(1).description, "");
  EXPECT_EQ(table.Row(2).description, "MEDIUM CERAMIC TOP STORAGE JAR");
  EXPECT_EQ(table.Row(3).description, "");
  EXPECT_EQ(table.Row(4).description, "damaged");
  EXPECT_EQ(table.Row(5).description, "WHITE METAL LANTERN");
  EXPECT_EQ(table.description_codes()[0], table.description_codes()[2]);
  EXPECT_EQ(table.description_codes()[1], table.description_codes()[3]);
  EXPECT_EQ(table.descriptions().size(), 4u);
}

TEST(TableBuilderTest, FinishStartsAFreshTable) {
  TableBuilder builder;
  ASSERT_OK(builder.Append(Line("A1", "S1", "one", 1, 0, 1, "C1", "UK")));
  ASSERT_OK(builder.Append(Line("A2", "S2", "two", 1, 0, 1, "C2", "France")));
  const Table first = builder.Finish();
  EXPECT_EQ(builder.size(), 0u);
  // The same invoice, customer, country and stock code as the last line of the first
  // table: the builder must not reuse codes remembered from it.
  ASSERT_OK(builder.Append(Line("A2", "S2", "two", 3, 0, 1, "C2", "France")));
  const Table second = builder.Finish();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second.invoice_codes()[0], 0u);
  EXPECT_EQ(second.customer_codes()[0], 0u);
  EXPECT_EQ(second.country_codes()[0], 0u);
  EXPECT_EQ(second.stock_codes()[0], 0u);
  EXPECT_EQ(RowText(second, 0), "A2|S2|two|3|1970-01-01T00:00:00|1|C2|France");
  EXPECT_EQ(first.size(), 2u);
  EXPECT_EQ(RowText(first, 1), "A2|S2|two|1|1970-01-01T00:00:00|1|C2|France");
}

TEST(TableTest, LineRevenueIsQuantityTimesPrice) {
  const Table table = Build({
      Line("1", "A", "d", 6, 0, 25'500, "1", "UK"),
      Line("2", "A", "d", -80'995, 0, 20'800, "1", "UK"),
  });
  EXPECT_EQ(table.LineRevenue(0), Money::FromCents(1'530));
  EXPECT_EQ(table.LineRevenue(1).units(), -80'995LL * 20'800);
}

TEST(TableTest, MemoryAccountingCoversColumnsAndDictionaries) {
  TableBuilder builder;
  builder.Reserve(1'000);
  const Table empty = builder.Finish();
  EXPECT_TRUE(empty.empty());
  const Table table =
      Build({Line("1", "A", std::string(10'000, 'x'), 1, 0, 1, "1", "UK")});
  EXPECT_GE(table.ColumnBytes(), 4u + 4 + 4 + 4 + 8 + 8 + 4 + 2);
  EXPECT_GE(table.MemoryBytes(), table.ColumnBytes() + 10'000);
}

TEST(TableBuilderTest, CountryLimitIsEnforced) {
  TableBuilder builder;
  std::vector<std::string> countries;
  for (uint32_t i = 0; i < kMaxCountries; ++i) {
    // Appended rather than "c" + ...: GCC 12 warns falsely (-Wrestrict) on that form.
    countries.emplace_back("c").append(std::to_string(i));
  }
  for (const std::string& country : countries) {
    ASSERT_OK(builder.Append(Line("1", "A", "d", 1, 0, 1, "", country)));
  }
  const Status overflow =
      builder.Append(Line("1", "A", "d", 1, 0, 1, "", "one too many"));
  EXPECT_EQ(overflow.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(overflow.message(), "more than 65535 distinct countries");
  EXPECT_EQ(builder.size(), kMaxCountries);
  // A known country still appends.
  EXPECT_OK(builder.Append(Line("1", "A", "d", 1, 0, 1, "", "c7")));
  EXPECT_EQ(builder.size(), kMaxCountries + 1);
}

TEST(ConcatenateTest, RemapsCodesAndKeepsRowOrder) {
  const Timestamp t = MakeTimestamp({{2011, 1, 18}, 10, 1, 0});
  std::vector<std::vector<OrderLine>> inputs = {
      {Line("536365", "85123A", "HEART", 6, t, 25'500, "17850", "United Kingdom"),
       Line("536366", "22633", "HAND WARMER", 6, t + 60, 18'500, "", "United Kingdom")},
      {Line("536367", "84879", "BIRD ORNAMENT", 32, t + 120, 16'900, "13047", "France"),
       Line("536365", "85123A", "HEART", 2, t + 180, 25'500, "17850", "United Kingdom")},
      {},
      {Line("536368", "22960", "JAM MAKING SET", 6, t + 240, 42'500, "13047", "EIRE"),
       Line("536369", "22633", "HAND WARMER", 3, t + 300, 18'500, "", "France"),
       Line("536370", "10002", "INFLATABLE GLOBE", 48, t + 360, 8'500, "12583",
            "France")},
  };
  std::vector<std::string> expected;
  for (const auto& lines : inputs) {
    for (const OrderLine& line : lines) expected.push_back(RowText(line));
  }
  for (const int threads : {1, 4}) {
    std::vector<Table> parts;
    for (const auto& lines : inputs) parts.push_back(Build(lines));
    // Each part numbers its strings from 0: the parts' codes collide before remapping.
    ASSERT_EQ(parts[1].invoice_codes()[0], 0u);
    Result<Table> merged = Table::Concatenate(std::move(parts), threads);
    ASSERT_OK(merged.status());
    const Table& table = *merged;
    EXPECT_EQ(AllRows(table), expected) << "threads " << threads;
    // Merged dictionaries hold each string once, numbered by first appearance.
    EXPECT_EQ(table.invoices().size(), 6u);
    EXPECT_EQ(table.invoice_codes()[3], table.invoice_codes()[0]);
    EXPECT_EQ(table.invoice_codes()[2], 2u);
    EXPECT_EQ(table.countries().size(), 3u);
    EXPECT_EQ(table.countries().Get(0), "United Kingdom");
    EXPECT_EQ(table.countries().Get(1), "France");
    EXPECT_EQ(table.countries().Get(2), "EIRE");
    EXPECT_EQ(table.customers().size(), 3u);
    EXPECT_EQ(table.customer_codes()[1], kNoCustomer);
    EXPECT_EQ(table.customer_codes()[5], kNoCustomer);
    EXPECT_EQ(table.customer_codes()[4], table.customer_codes()[2]);
    EXPECT_EQ(table.stock_codes()[5], table.stock_codes()[1]);
    EXPECT_EQ(table.description_codes()[5], table.description_codes()[1]);
  }
}

TEST(ConcatenateTest, SinglePartAndNoParts) {
  std::vector<Table> one;
  one.push_back(Build({Line("1", "A", "d", 1, 0, 1, "9", "UK")}));
  Result<Table> single = Table::Concatenate(std::move(one), 2);
  ASSERT_OK(single.status());
  EXPECT_EQ(AllRows(*single),
            std::vector<std::string>{"1|A|d|1|1970-01-01T00:00:00|1|9|UK"});

  Result<Table> none = Table::Concatenate({}, 2);
  ASSERT_OK(none.status());
  EXPECT_TRUE(none->empty());
}

TEST(ConcatenateTest, EmptyPartsAtTheEndAndOnlyEmptyParts) {
  // A parallel read whose last chunks hold no clean row, or none at all, gives such
  // parts.
  std::vector<Table> trailing;
  trailing.push_back(Build({Line("1", "A", "d", 1, 0, 1, "9", "UK")}));
  trailing.push_back(Build({}));
  trailing.push_back(Build({}));
  Result<Table> merged = Table::Concatenate(std::move(trailing), 2);
  ASSERT_OK(merged.status());
  EXPECT_EQ(AllRows(*merged),
            std::vector<std::string>{"1|A|d|1|1970-01-01T00:00:00|1|9|UK"});

  std::vector<Table> empty;
  empty.push_back(Build({}));
  empty.push_back(Build({}));
  Result<Table> none = Table::Concatenate(std::move(empty), 2);
  ASSERT_OK(none.status());
  EXPECT_TRUE(none->empty());
}

TEST(ConcatenateTest, TooManyCountriesAcrossPartsIsOutOfRange) {
  std::vector<Table> parts;
  for (int part = 0; part < 2; ++part) {
    TableBuilder builder;
    for (int i = 0; i < 40'000; ++i) {
      const std::string country = std::to_string(part) + "-" + std::to_string(i);
      ASSERT_OK(builder.Append(Line("1", "A", "d", 1, 0, 1, "", country)));
    }
    parts.push_back(builder.Finish());
  }
  const Result<Table> merged = Table::Concatenate(std::move(parts), 2);
  EXPECT_EQ(merged.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(merged.status().message(), "more than 65535 distinct countries");
}

}  // namespace
}  // namespace storepulse
