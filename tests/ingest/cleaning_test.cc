#include "ingest/cleaning.h"

#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

namespace storepulse::ingest {
namespace {

// A clean sale line of the export, field by field.
OrderFields CleanFields() {
  return {"536365", "85123A",         "WHITE HANGING HEART T-LIGHT HOLDER",
          "6",      "12/1/2010 8:26", "2.55",
          "17850",  "United Kingdom"};
}

OrderFields With(OrderColumn column, std::string_view value,
                 OrderFields fields = CleanFields()) {
  fields[static_cast<size_t>(column)] = value;
  return fields;
}

// "reason@Column", or "clean".
std::string Verdict(const OrderFields& fields) {
  OrderLine line;
  const std::optional<Rejection> rejection = CleanOrderLine(fields, &line);
  if (!rejection) return "clean";
  const std::string column =
      rejection->column == kWholeRow
          ? "row"
          : std::string(OrderColumnName(static_cast<OrderColumn>(rejection->column)));
  return std::string(QuarantineReasonName(rejection->reason)) + "@" + column;
}

TEST(CleanOrderLineTest, CleanRowFillsTheLine) {
  OrderLine line;
  ASSERT_FALSE(CleanOrderLine(CleanFields(), &line).has_value());
  EXPECT_EQ(
      testing::RowText(line),
      "536365|85123A|WHITE HANGING HEART T-LIGHT HOLDER|6|2010-12-01T08:26:00|25500|"
      "17850|United Kingdom");
}

TEST(CleanOrderLineTest, SpacesAndTabsAreTrimmedFromEveryField) {
  const OrderFields fields = {
      " 536365 ",  "\t85123A",          "WHITE HANGING HEART T-LIGHT HOLDER  ",
      " 6 ",       " 12/1/2010 8:26\t", " 2.55 ",
      " 17850.0 ", "United Kingdom\t"};
  OrderLine line;
  ASSERT_FALSE(CleanOrderLine(fields, &line).has_value());
  EXPECT_EQ(
      testing::RowText(line),
      "536365|85123A|WHITE HANGING HEART T-LIGHT HOLDER|6|2010-12-01T08:26:00|25500|"
      "17850|United Kingdom");
}

TEST(CleanOrderLineTest, EmptyDescriptionAndCountryAreAllowed) {
  EXPECT_EQ(Verdict(With(OrderColumn::kDescription, "")), "clean");
  EXPECT_EQ(Verdict(With(OrderColumn::kCountry, "")), "clean");
}

TEST(CleanOrderLineTest, MissingRequiredFieldNamesIt) {
  EXPECT_EQ(Verdict(With(OrderColumn::kInvoice, "")), "missing_field@InvoiceNo");
  EXPECT_EQ(Verdict(With(OrderColumn::kStockCode, "  ")), "missing_field@StockCode");
  EXPECT_EQ(Verdict(With(OrderColumn::kQuantity, "")), "missing_field@Quantity");
  EXPECT_EQ(Verdict(With(OrderColumn::kInvoiceDate, "\t")), "missing_field@InvoiceDate");
  EXPECT_EQ(Verdict(With(OrderColumn::kUnitPrice, "")), "missing_field@UnitPrice");
}

TEST(CleanOrderLineTest, MalformedNumbersNameTheirColumn) {
  EXPECT_EQ(Verdict(With(OrderColumn::kQuantity, "six")), "malformed_number@Quantity");
  EXPECT_EQ(Verdict(With(OrderColumn::kQuantity, "6.5")), "malformed_number@Quantity");
  EXPECT_EQ(Verdict(With(OrderColumn::kQuantity, "2147483648")),
            "malformed_number@Quantity");
  EXPECT_EQ(Verdict(With(OrderColumn::kUnitPrice, "2,55")), "malformed_number@UnitPrice");
  EXPECT_EQ(Verdict(With(OrderColumn::kUnitPrice, "1.00001")),
            "malformed_number@UnitPrice");
  EXPECT_EQ(Verdict(With(OrderColumn::kUnitPrice, "100000000001")),
            "malformed_number@UnitPrice");
  EXPECT_EQ(Verdict(With(OrderColumn::kCustomer, "abc")), "malformed_number@CustomerID");
  EXPECT_EQ(Verdict(With(OrderColumn::kCustomer, "17850.5")),
            "malformed_number@CustomerID");
}

TEST(CleanOrderLineTest, RevenueThatCannotBeHeldExactlyIsMalformed) {
  // 2,147,483,647 × £100,000,000,000 overflows 64-bit Money units.
  OrderFields fields = With(OrderColumn::kQuantity, "2147483647");
  fields = With(OrderColumn::kUnitPrice, "100000000000", fields);
  EXPECT_EQ(Verdict(fields), "malformed_number@UnitPrice");
  // The largest quantity times a realistic price is fine.
  fields = With(OrderColumn::kUnitPrice, "38970", fields);
  EXPECT_EQ(Verdict(fields), "clean");
}

TEST(CleanOrderLineTest, UnparseableDate) {
  EXPECT_EQ(Verdict(With(OrderColumn::kInvoiceDate, "13/1/2010 8:26")),
            "unparseable_date@InvoiceDate");
  EXPECT_EQ(Verdict(With(OrderColumn::kInvoiceDate, "yesterday")),
            "unparseable_date@InvoiceDate");
  EXPECT_EQ(Verdict(With(OrderColumn::kInvoiceDate, "2011-12-09 12:50")), "clean");
}

TEST(CleanOrderLineTest, Cancellation) {
  OrderFields fields = With(OrderColumn::kInvoice, "C536379");
  fields = With(OrderColumn::kQuantity, "-1", fields);
  EXPECT_EQ(Verdict(fields), "cancellation@InvoiceNo");
  EXPECT_EQ(Verdict(With(OrderColumn::kInvoice, "c536379")), "cancellation@InvoiceNo");
  // Only a leading C: the bad-debt adjustments start with A and are not cancellations.
  EXPECT_EQ(Verdict(With(OrderColumn::kInvoice, "A563185")), "clean");
  EXPECT_EQ(Verdict(With(OrderColumn::kInvoice, "536C79")), "clean");
}

TEST(CleanOrderLineTest, NonPositiveQuantity) {
  EXPECT_EQ(Verdict(With(OrderColumn::kQuantity, "-6")),
            "non_positive_quantity@Quantity");
  EXPECT_EQ(Verdict(With(OrderColumn::kQuantity, "0")), "non_positive_quantity@Quantity");
  EXPECT_EQ(Verdict(With(OrderColumn::kQuantity, "-0")),
            "non_positive_quantity@Quantity");
}

TEST(CleanOrderLineTest, NonPositivePrice) {
  EXPECT_EQ(Verdict(With(OrderColumn::kUnitPrice, "0")), "non_positive_price@UnitPrice");
  EXPECT_EQ(Verdict(With(OrderColumn::kUnitPrice, "0.0000")),
            "non_positive_price@UnitPrice");
  EXPECT_EQ(Verdict(With(OrderColumn::kUnitPrice, "-11062.06")),
            "non_positive_price@UnitPrice");
  EXPECT_EQ(Verdict(With(OrderColumn::kUnitPrice, "0.001")), "clean");
}

TEST(CleanOrderLineTest, MissingCustomer) {
  EXPECT_EQ(Verdict(With(OrderColumn::kCustomer, "")), "missing_customer@CustomerID");
  EXPECT_EQ(Verdict(With(OrderColumn::kCustomer, "   ")), "missing_customer@CustomerID");
}

// A row that fails several rules is filed under the first reason in QuarantineReason's
// order.
TEST(CleanOrderLineTest, CancellationWithoutCustomerIsACancellation) {
  OrderFields fields = With(OrderColumn::kInvoice, "C536379");
  fields = With(OrderColumn::kCustomer, "", fields);
  EXPECT_EQ(Verdict(fields), "cancellation@InvoiceNo");
}

TEST(CleanOrderLineTest, MalformedQuantityOnACancellationIsMalformed) {
  OrderFields fields = With(OrderColumn::kInvoice, "C536379");
  fields = With(OrderColumn::kQuantity, "-1x", fields);
  EXPECT_EQ(Verdict(fields), "malformed_number@Quantity");
}

TEST(CleanOrderLineTest, MissingFieldComesBeforeMalformed) {
  OrderFields fields = With(OrderColumn::kQuantity, "abc");
  fields = With(OrderColumn::kUnitPrice, "", fields);
  EXPECT_EQ(Verdict(fields), "missing_field@UnitPrice");
  // Among missing fields, the first in column order.
  fields = With(OrderColumn::kStockCode, "", fields);
  EXPECT_EQ(Verdict(fields), "missing_field@StockCode");
}

TEST(CleanOrderLineTest, OrderOfTheLaterRules) {
  // Malformed quantity before malformed price before malformed customer.
  OrderFields fields = With(OrderColumn::kQuantity, "x");
  fields = With(OrderColumn::kUnitPrice, "y", fields);
  fields = With(OrderColumn::kCustomer, "z", fields);
  EXPECT_EQ(Verdict(fields), "malformed_number@Quantity");
  fields = With(OrderColumn::kQuantity, "6", fields);
  EXPECT_EQ(Verdict(fields), "malformed_number@UnitPrice");
  fields = With(OrderColumn::kUnitPrice, "1", fields);
  EXPECT_EQ(Verdict(fields), "malformed_number@CustomerID");

  // Malformed number before unparseable date before cancellation.
  fields = With(OrderColumn::kInvoice, "C1");
  fields = With(OrderColumn::kInvoiceDate, "never", fields);
  EXPECT_EQ(Verdict(fields), "unparseable_date@InvoiceDate");
  fields = With(OrderColumn::kCustomer, "x", fields);
  EXPECT_EQ(Verdict(fields), "malformed_number@CustomerID");

  // Cancellation, then quantity, then price, then customer.
  fields = With(OrderColumn::kQuantity, "-1");
  fields = With(OrderColumn::kUnitPrice, "0", fields);
  fields = With(OrderColumn::kCustomer, "", fields);
  EXPECT_EQ(Verdict(fields), "non_positive_quantity@Quantity");
  EXPECT_EQ(Verdict(With(OrderColumn::kInvoice, "C1", fields)), "cancellation@InvoiceNo");
  fields = With(OrderColumn::kQuantity, "1", fields);
  EXPECT_EQ(Verdict(fields), "non_positive_price@UnitPrice");
  fields = With(OrderColumn::kUnitPrice, "1", fields);
  EXPECT_EQ(Verdict(fields), "missing_customer@CustomerID");
}

TEST(CleanOrderLineTest, DateCacheGivesTheSameAnswers) {
  CleaningCache cache;
  OrderLine line;
  const OrderFields first = CleanFields();
  const OrderFields second = With(OrderColumn::kInvoiceDate, "1/18/2011 10:01");
  const OrderFields bad = With(OrderColumn::kInvoiceDate, "1/32/2011 10:01");
  ASSERT_FALSE(CleanOrderLine(first, &line, &cache).has_value());
  EXPECT_EQ(FormatIsoDateTime(line.timestamp), "2010-12-01T08:26:00");
  ASSERT_FALSE(CleanOrderLine(first, &line, &cache).has_value());
  EXPECT_EQ(FormatIsoDateTime(line.timestamp), "2010-12-01T08:26:00");
  ASSERT_FALSE(CleanOrderLine(second, &line, &cache).has_value());
  EXPECT_EQ(FormatIsoDateTime(line.timestamp), "2011-01-18T10:01:00");
  const auto rejection = CleanOrderLine(bad, &line, &cache);
  ASSERT_TRUE(rejection.has_value());
  EXPECT_EQ(rejection->reason, QuarantineReason::kUnparseableDate);
  ASSERT_FALSE(CleanOrderLine(second, &line, &cache).has_value());
  EXPECT_EQ(FormatIsoDateTime(line.timestamp), "2011-01-18T10:01:00");
  // Surrounding spaces are trimmed before the cache compares texts.
  ASSERT_FALSE(
      CleanOrderLine(With(OrderColumn::kInvoiceDate, " 12/1/2010 8:26 "), &line, &cache)
          .has_value());
  EXPECT_EQ(FormatIsoDateTime(line.timestamp), "2010-12-01T08:26:00");
}

TEST(ParseQuantityTest, Integers) {
  int32_t quantity = 0;
  ASSERT_TRUE(ParseQuantity("6", &quantity));
  EXPECT_EQ(quantity, 6);
  ASSERT_TRUE(ParseQuantity("-6", &quantity));
  EXPECT_EQ(quantity, -6);
  ASSERT_TRUE(ParseQuantity("+3", &quantity));
  EXPECT_EQ(quantity, 3);
  ASSERT_TRUE(ParseQuantity(" 80995 ", &quantity));
  EXPECT_EQ(quantity, 80'995);
  ASSERT_TRUE(ParseQuantity("2147483647", &quantity));
  EXPECT_EQ(quantity, 2'147'483'647);
  ASSERT_TRUE(ParseQuantity("-2147483647", &quantity));
  EXPECT_EQ(quantity, -2'147'483'647);
}

TEST(ParseQuantityTest, ZeroFractionsFromFloatExports) {
  int32_t quantity = 0;
  ASSERT_TRUE(ParseQuantity("6.0", &quantity));
  EXPECT_EQ(quantity, 6);
  ASSERT_TRUE(ParseQuantity("-12.000", &quantity));
  EXPECT_EQ(quantity, -12);
  ASSERT_TRUE(ParseQuantity("6.", &quantity));
  EXPECT_EQ(quantity, 6);
}

TEST(ParseQuantityTest, RejectsFractionsOverflowAndGarbage) {
  for (const char* text :
       {"6.5", "6.01", "2147483648", "-2147483649", "99999999999999999999", "", " ", "-",
        "+", ".", ".0", "1e3", "0x10", "6 6", "6-", "--6", "six", "1,000"}) {
    int32_t quantity = 99;
    EXPECT_FALSE(ParseQuantity(text, &quantity)) << "'" << text << "'";
    EXPECT_EQ(quantity, 99) << "'" << text << "'";
  }
}

TEST(ParseCustomerIdTest, DigitsWithOptionalZeroFraction) {
  std::string_view id;
  ASSERT_TRUE(ParseCustomerId("17850", &id));
  EXPECT_EQ(id, "17850");
  ASSERT_TRUE(ParseCustomerId("17850.0", &id));
  EXPECT_EQ(id, "17850");
  ASSERT_TRUE(ParseCustomerId(" 12346 ", &id));
  EXPECT_EQ(id, "12346");
  ASSERT_TRUE(ParseCustomerId("012346", &id));
  EXPECT_EQ(id, "012346");
}

TEST(ParseCustomerIdTest, RejectsOtherText) {
  for (const char* text : {"17850.5", "abc", "", "-17850", "+17850", "17 850",
                           "1234567890123456789", ".0", "17850x"}) {
    std::string_view id = "unchanged";
    EXPECT_FALSE(ParseCustomerId(text, &id)) << "'" << text << "'";
    EXPECT_EQ(id, "unchanged");
  }
}

TEST(TrimSpacesTest, SpacesAndTabsOnly) {
  EXPECT_EQ(TrimSpaces("  a b \t"), "a b");
  EXPECT_EQ(TrimSpaces("\t\t"), "");
  EXPECT_EQ(TrimSpaces(""), "");
  EXPECT_EQ(TrimSpaces("\ra\n"), "\ra\n");
}

}  // namespace
}  // namespace storepulse::ingest
