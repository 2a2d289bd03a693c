#include "synth/catalogue.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "synth/customers.h"

namespace storepulse::synth {
namespace {

TEST(CatalogueTest, ProductsHaveUniqueCodesAndNamesAndPositivePrices) {
  const Catalogue catalogue(42);
  ASSERT_EQ(catalogue.product_count(), Catalogue::kDefaultProducts);
  std::set<std::string> codes;
  std::set<std::string> names;
  size_t suffixed = 0;
  for (uint32_t i = 0; i < catalogue.product_count(); ++i) {
    const Item& item = catalogue.item(i);
    EXPECT_TRUE(codes.insert(item.code).second) << item.code;
    EXPECT_TRUE(names.insert(item.description).second) << item.description;
    EXPECT_GE(item.code.size(), 5u);
    suffixed += item.code.size() == 6;
    EXPECT_GT(item.price_cents, 0);
    EXPECT_EQ(item.csv_prefix.rfind(item.code + ",", 0), 0u);
  }
  EXPECT_GT(suffixed, 100u);  // colour variants such as 85123A
}

TEST(CatalogueTest, SpecialCodesFollowTheProducts) {
  const Catalogue catalogue(42);
  EXPECT_EQ(catalogue.item(catalogue.postage()).code, "POST");
  EXPECT_EQ(catalogue.item(catalogue.dotcom_postage()).code, "DOT");
  EXPECT_EQ(catalogue.item(catalogue.manual()).csv_prefix, "M,Manual,");
  const Item& voucher = catalogue.item(catalogue.gift_voucher(1));
  EXPECT_EQ(voucher.code, "gift_0001_20");
  EXPECT_EQ(voucher.description,
            "Dotcomgiftshop Gift Voucher \xA3"
            "20.00");
  EXPECT_EQ(voucher.price_cents, 1667);  // £20 net of VAT
}

TEST(CatalogueTest, IsDeterministicPerSeed) {
  const Catalogue first(1);
  const Catalogue again(1);
  const Catalogue other(2);
  size_t same_as_other = 0;
  for (uint32_t i = 0; i < first.product_count(); ++i) {
    EXPECT_EQ(first.item(i).csv_prefix, again.item(i).csv_prefix);
    same_as_other += first.item(i).csv_prefix == other.item(i).csv_prefix;
  }
  EXPECT_LT(same_as_other, 10u);
}

TEST(CatalogueTest, PopularityIsSkewed) {
  const Catalogue catalogue(42);
  Rng rng(1);
  std::vector<int> counts(catalogue.product_count());
  for (int i = 0; i < 400'000; ++i) ++counts[catalogue.SampleProduct(rng)];
  std::sort(counts.rbegin(), counts.rend());
  // The top product sells roughly 0.4% of lines, a mid-list one ~10x less.
  EXPECT_GT(counts[0], 1'000);
  EXPECT_LT(counts[0], 2'500);
  EXPECT_GT(counts[0], 8 * counts[1'000]);
}

TEST(CustomerPoolTest, IdsAreUniqueFiveDigitNumbers) {
  const CustomerPool pool(42, 500'000, 0, 365);
  std::set<uint32_t> ids;
  for (uint32_t index = 0; index < pool.size(); ++index) {
    const uint32_t id = pool.id(index);
    EXPECT_GE(id, kFirstCustomerId);
    EXPECT_LE(id, kLastCustomerId);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), pool.size());
  EXPECT_GT(pool.size(), 500'000u / 120);
}

TEST(CustomerPoolTest, NeverRunsOutOfFiveDigitIds) {
  const CustomerPool pool(42, 100'000'000, 0, 60'000);
  EXPECT_LE(pool.size(), kLastCustomerId - kFirstCustomerId + 1);
  Rng rng(2);
  for (int64_t day = 0; day <= 60'000; day += 97)
    EXPECT_LT(pool.Sample(rng, day), pool.size());
}

TEST(CustomerPoolTest, CustomersComeAndGoOverTheYears) {
  // Over six years, the customers of the first year are mostly gone by the last.
  const CustomerPool pool(42, 3'000'000, 0, 6 * 365);
  Rng rng(3);
  std::set<uint32_t> first_year;
  std::set<uint32_t> last_year;
  for (int i = 0; i < 100'000; ++i) {
    first_year.insert(pool.Sample(rng, static_cast<int64_t>(rng.Below(365))));
    last_year.insert(pool.Sample(rng, 5 * 365 + static_cast<int64_t>(rng.Below(365))));
  }
  size_t both = 0;
  for (const uint32_t customer : first_year) both += last_year.count(customer);
  EXPECT_LT(both, first_year.size() / 4);
  EXPECT_GT(both, 10u);  // the wholesalers stay
}

}  // namespace
}  // namespace storepulse::synth
