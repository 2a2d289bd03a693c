// Customer features as of a cutoff, on lines whose every value is known, and the
// guarantee that nothing on or after the cutoff is read.
#include "ml/customer_features.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/civil_time.h"
#include "test_util.h"

namespace storepulse::ml {
namespace {

int64_t Day(int year, int month, int day) { return DaysFromCivil({year, month, day}); }

class CustomerFeaturesTest : public ::testing::Test {
 protected:
  void Add(std::string_view invoice, std::string_view stock, int quantity, int64_t day,
           int64_t price_cents, std::string_view customer, std::string_view country) {
    OrderLine line;
    line.invoice = invoice;
    line.stock_code = stock;
    line.description = "THING";
    line.quantity = quantity;
    line.timestamp = day * kSecondsPerDay + 10 * 3600;
    line.unit_price = Money::FromCents(price_cents);
    line.customer = customer;
    line.country = country;
    ASSERT_OK(builder_.Append(line));
  }
  Table Build() { return builder_.Finish(); }

  TableBuilder builder_;
};

TEST_F(CustomerFeaturesTest, EachFeatureAsOfTheCutoff) {
  const int64_t cutoff = Day(2011, 6, 1);
  // Customer A: two orders (one with two lines), 100 and 10 days before the cutoff.
  Add("1", "X", 2, cutoff - 100, 500, "A", "France");
  Add("1", "Y", 1, cutoff - 100, 1000, "A", "France");
  Add("2", "X", 1, cutoff - 10, 250, "A", "Germany");  // moved: the latest country
  // Customer B: one order 200 days before.
  Add("3", "Z", 4, cutoff - 200, 100, "B", "United Kingdom");
  // After the cutoff: must not be read.
  Add("4", "Z", 100, cutoff, 100000, "A", "Spain");
  Add("5", "Z", 100, cutoff + 5, 100000, "C", "Spain");
  // No customer: never a row.
  Add("6", "Z", 1, cutoff - 1, 100, "", "United Kingdom");
  const Table table = Build();

  const CategoryEncoding countries = FitCustomerCountries(table, cutoff);
  EXPECT_THAT(countries.categories(),
              ::testing::ElementsAre("Germany", "United Kingdom"));
  const CustomerFeatures features = ComputeCustomerFeatures(table, cutoff, countries);
  ASSERT_EQ(features.customers.size(), 2u);  // A and B; C only bought after the cutoff
  EXPECT_EQ(table.customers().Get(features.customers[0]), "A");
  const auto a = features.features.Row(0);
  EXPECT_EQ(a[0], 10);           // recency
  EXPECT_EQ(a[1], 2);            // orders
  EXPECT_FLOAT_EQ(a[2], 22.5);   // 10 + 10 + 2.5
  EXPECT_EQ(a[3], 100);          // tenure
  EXPECT_FLOAT_EQ(a[4], 11.25);  // per order
  EXPECT_FLOAT_EQ(a[5], 90);     // (100 - 10) / (2 - 1)
  EXPECT_EQ(a[6], 2);            // X and Y
  EXPECT_EQ(a[7], 0);            // Germany
  EXPECT_FLOAT_EQ(a[8], 2.5);    // last 30 days
  EXPECT_FLOAT_EQ(a[9], 2.5);    // last 90 days
  EXPECT_EQ(a[10], 1);           // orders in the last 90 days
  EXPECT_FLOAT_EQ(a[11], 20);    // 90 to 180 days before
  const auto b = features.features.Row(1);
  EXPECT_EQ(b[0], 200);
  EXPECT_EQ(b[1], 1);
  EXPECT_TRUE(std::isnan(b[5]));  // one order: no gap between orders
  EXPECT_EQ(b[7], 1);             // United Kingdom
  EXPECT_EQ(b[11], 0);            // 200 days ago is before the 180-day window

  // The target: revenue in [cutoff, cutoff + 90).
  EXPECT_THAT(CustomerRevenueBetween(table, features.customers, cutoff, cutoff + 90),
              ::testing::ElementsAre(100000.0, 0.0));
  // An encoding without A's country puts A in "other".
  const CustomerFeatures other =
      ComputeCustomerFeatures(table, cutoff, CategoryEncoding({"France"}));
  EXPECT_EQ(other.features.Row(0)[7], 1);
}

TEST_F(CustomerFeaturesTest, LinesAfterTheCutoffChangeNothing) {
  const int64_t cutoff = Day(2011, 6, 1);
  Add("1", "X", 2, cutoff - 30, 500, "A", "France");
  Add("2", "X", 3, cutoff - 3, 700, "B", "France");
  const Table before = Build();
  Add("1", "X", 2, cutoff - 30, 500, "A", "France");
  Add("2", "X", 3, cutoff - 3, 700, "B", "France");
  Add("9", "Q", 50, cutoff + 1, 99999, "A", "Spain");
  Add("9", "Q", 50, cutoff, 99999, "B", "Spain");
  const Table after = Build();
  const CategoryEncoding countries({"France"});
  const std::vector<float> expected =
      ComputeCustomerFeatures(before, cutoff, countries).features.values;
  const std::vector<float> got =
      ComputeCustomerFeatures(after, cutoff, countries).features.values;
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    // NaN (no gap between orders with a single order) equals itself here.
    EXPECT_TRUE(got[i] == expected[i] || (std::isnan(got[i]) && std::isnan(expected[i])))
        << i;
  }
}

}  // namespace
}  // namespace storepulse::ml
