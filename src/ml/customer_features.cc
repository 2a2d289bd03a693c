#include "ml/customer_features.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/civil_time.h"
#include "core/money.h"

namespace storepulse::ml {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

double Pounds(const Table& table, size_t row) {
  return static_cast<double>(table.LineRevenue(row).units()) /
         static_cast<double>(Money::kUnitsPerCurrency);
}

// What one pass over the lines before the cutoff gathers per customer code.
struct Accumulator {
  double revenue = 0;
  double revenue_30 = 0;
  double revenue_90 = 0;
  double revenue_90_180 = 0;
  int64_t first_day = std::numeric_limits<int64_t>::max();
  int64_t last_day = std::numeric_limits<int64_t>::min();
  Timestamp last_timestamp = std::numeric_limits<Timestamp>::min();
  uint16_t country = 0;
  bool seen = false;
};

struct Pass {
  std::vector<Accumulator> by_code;
  // (customer, invoice, day) of every line, then sorted and deduplicated: orders.
  std::vector<std::array<int64_t, 3>> orders;
  // (customer, stock code): distinct products.
  std::vector<std::pair<uint32_t, uint32_t>> products;
};

Pass Gather(const Table& table, int64_t cutoff_day, bool details) {
  Pass pass;
  pass.by_code.resize(table.customers().size());
  const auto customers = table.customer_codes();
  const auto timestamps = table.timestamps();
  for (size_t row = 0; row < table.size(); ++row) {
    const uint32_t customer = customers[row];
    const int64_t day = DayOf(timestamps[row]);
    if (customer == kNoCustomer || day >= cutoff_day) continue;
    Accumulator& a = pass.by_code[customer];
    a.seen = true;
    // The country of the latest line (ties: the later row), as the customer is now.
    if (timestamps[row] >= a.last_timestamp) {
      a.last_timestamp = timestamps[row];
      a.country = table.country_codes()[row];
    }
    if (!details) continue;
    const double revenue = Pounds(table, row);
    a.revenue += revenue;
    const int64_t age = cutoff_day - day;  // 1 = the day before the cutoff
    if (age <= 30) a.revenue_30 += revenue;
    if (age <= 90) {
      a.revenue_90 += revenue;
    } else if (age <= 180) {
      a.revenue_90_180 += revenue;
    }
    a.first_day = std::min(a.first_day, day);
    a.last_day = std::max(a.last_day, day);
    pass.orders.push_back({customer, table.invoice_codes()[row], day});
    pass.products.emplace_back(customer, table.stock_codes()[row]);
  }
  return pass;
}

}  // namespace

CategoryEncoding FitCustomerCountries(const Table& table, int64_t cutoff_day) {
  const Pass pass = Gather(table, cutoff_day, /*details=*/false);
  std::vector<uint64_t> customers_per_country(table.countries().size());
  for (const Accumulator& a : pass.by_code) {
    if (a.seen) ++customers_per_country[a.country];
  }
  std::vector<std::pair<std::string, uint64_t>> counts;
  for (uint32_t code = 0; code < customers_per_country.size(); ++code) {
    if (customers_per_country[code] > 0) {
      counts.emplace_back(std::string(table.countries().Get(code)),
                          customers_per_country[code]);
    }
  }
  return CategoryEncoding::FromCounts(counts, /*min_count=*/1);
}

CustomerFeatures ComputeCustomerFeatures(const Table& table, int64_t cutoff_day,
                                         const CategoryEncoding& countries) {
  Pass pass = Gather(table, cutoff_day, /*details=*/true);
  std::sort(pass.orders.begin(), pass.orders.end());
  pass.orders.erase(std::unique(pass.orders.begin(), pass.orders.end(),
                                [](const auto& a, const auto& b) {
                                  return a[0] == b[0] && a[1] == b[1];
                                }),
                    pass.orders.end());
  std::sort(pass.products.begin(), pass.products.end());
  pass.products.erase(std::unique(pass.products.begin(), pass.products.end()),
                      pass.products.end());
  const size_t codes = pass.by_code.size();
  std::vector<uint32_t> orders(codes, 0), orders_90(codes, 0), products(codes, 0);
  for (const auto& order : pass.orders) {
    ++orders[order[0]];
    if (cutoff_day - order[2] <= 90) ++orders_90[order[0]];
  }
  for (const auto& product : pass.products) ++products[product.first];

  CustomerFeatures result;
  result.cutoff_day = cutoff_day;
  for (uint32_t code = 0; code < codes; ++code) {
    if (pass.by_code[code].seen) result.customers.push_back(code);
  }
  result.features = DenseMatrix(result.customers.size(), kCustomerFeatureCount);
  for (size_t i = 0; i < result.customers.size(); ++i) {
    const uint32_t code = result.customers[i];
    const Accumulator& a = pass.by_code[code];
    const std::string_view country = table.countries().Get(a.country);
    result.countries.push_back(country);
    const double order_count = orders[code];
    std::span<float> row = result.features.Row(i);
    row[0] = static_cast<float>(cutoff_day - a.last_day);
    row[1] = static_cast<float>(order_count);
    row[2] = static_cast<float>(a.revenue);
    row[3] = static_cast<float>(cutoff_day - a.first_day);
    row[4] = static_cast<float>(a.revenue / order_count);
    row[5] = order_count > 1
                 ? static_cast<float>((a.last_day - a.first_day) / (order_count - 1))
                 : std::nanf("");
    row[6] = static_cast<float>(products[code]);
    row[7] = countries.Encode(country);
    row[8] = static_cast<float>(a.revenue_30);
    row[9] = static_cast<float>(a.revenue_90);
    row[10] = static_cast<float>(orders_90[code]);
    row[11] = static_cast<float>(a.revenue_90_180);
  }
  return result;
}

std::vector<double> CustomerRevenueBetween(const Table& table,
                                           const std::vector<uint32_t>& customers,
                                           int64_t from_day, int64_t to_day) {
  std::vector<uint32_t> position(table.customers().size(), kNone);
  for (size_t i = 0; i < customers.size(); ++i) position[customers[i]] = i;
  std::vector<double> revenue(customers.size(), 0.0);
  for (size_t row = 0; row < table.size(); ++row) {
    const uint32_t customer = table.customer_codes()[row];
    if (customer == kNoCustomer || position[customer] == kNone) continue;
    const int64_t day = DayOf(table.timestamps()[row]);
    if (day >= from_day && day < to_day)
      revenue[position[customer]] += Pounds(table, row);
  }
  return revenue;
}

}  // namespace storepulse::ml
