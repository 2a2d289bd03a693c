#include "analytics/daily_metrics.h"

#include <absl/container/flat_hash_map.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>

#include "analytics/description_tally.h"
#include "analytics/distinct_stamps.h"

namespace storepulse::analytics {

namespace {

struct DayCounters {
  DistinctStamps invoices, customers, products, countries;
  explicit DayCounters(const Table& table)
      : invoices(table.invoices().size()),
        customers(table.customers().size()),
        products(table.stock_codes_dictionary().size()),
        countries(table.countries().size()) {}
};

DailyMetrics MetricsOfDay(const Table& table, const DayGroups& days, int64_t index,
                          DayCounters& counters) {
  const auto quantities = table.quantities();
  const auto prices = table.unit_prices();
  const auto timestamps = table.timestamps();
  const auto invoices = table.invoice_codes();
  const auto customers = table.customer_codes();
  const auto products = table.stock_codes();
  const auto countries = table.country_codes();
  counters.invoices.NextGroup();
  counters.customers.NextGroup();
  counters.products.NextGroup();
  counters.countries.NextGroup();
  DailyMetrics metrics;
  metrics.day = days.first_day() + index;
  std::array<WideInt, 24> by_hour{};
  WideInt revenue = 0;
  days.ForEachRow(index, [&](size_t row) {
    const int64_t line_revenue = static_cast<int64_t>(quantities[row]) * prices[row];
    revenue += line_revenue;
    by_hour[HourOf(timestamps[row])] += line_revenue;
    metrics.quantity += quantities[row];
    ++metrics.lines;
    metrics.orders += counters.invoices.First(invoices[row]);
    if (customers[row] != kNoCustomer)
      metrics.customers += counters.customers.First(customers[row]);
    metrics.products += counters.products.First(products[row]);
    metrics.countries += counters.countries.First(countries[row]);
  });
  metrics.revenue = MoneySum(revenue);
  metrics.average_order_value_cents =
      MeanCents(metrics.revenue, static_cast<int64_t>(metrics.orders));
  metrics.average_line_value_cents =
      MeanCents(metrics.revenue, static_cast<int64_t>(metrics.lines));
  metrics.peak_hour = static_cast<int>(std::max_element(by_hour.begin(), by_hour.end()) -
                                       by_hour.begin());
  metrics.peak_hour_revenue = MoneySum(by_hour[metrics.peak_hour]);
  return metrics;
}

template <typename Item>
void KeepTop(std::vector<Item>* items, size_t top_n) {
  auto better = [](const Item& a, const Item& b) {
    if (a.revenue != b.revenue) return a.revenue > b.revenue;
    return a.key < b.key;
  };
  const size_t keep = std::min(top_n, items->size());
  std::partial_sort(items->begin(), items->begin() + keep, items->end(), better);
  items->resize(keep);
}

}  // namespace

std::vector<DailyMetrics> ComputeDailyMetrics(const Table& table, const DayGroups& days) {
  std::vector<DailyMetrics> all(days.span());
  tbb::enumerable_thread_specific<DayCounters> counters(
      [&] { return DayCounters(table); });
  tbb::parallel_for(tbb::blocked_range<size_t>(0, days.span(), 8),
                    [&](const tbb::blocked_range<size_t>& range) {
                      DayCounters& local = counters.local();
                      for (size_t i = range.begin(); i < range.end(); ++i) {
                        if (days.RowCount(static_cast<int64_t>(i)) == 0) continue;
                        all[i] =
                            MetricsOfDay(table, days, static_cast<int64_t>(i), local);
                      }
                    });
  std::vector<DailyMetrics> with_sales;
  with_sales.reserve(all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    if (days.RowCount(static_cast<int64_t>(i)) > 0) with_sales.push_back(all[i]);
  }
  return with_sales;
}

DailyReport ComputeDailyReport(const Table& table, const DayGroups& days, int64_t day,
                               size_t top_n) {
  DailyReport report;
  const int64_t index = day - days.first_day();
  DayCounters counters(table);
  report.metrics = MetricsOfDay(table, days, index, counters);

  struct Group {
    uint32_t code;
    std::string key;
    MoneySum revenue;
    int64_t quantity = 0;
    uint64_t orders = 0;
  };
  absl::flat_hash_map<uint32_t, Group> customers, products, countries;
  DescriptionTally descriptions(table.stock_codes_dictionary().size());
  DistinctStamps customer_orders(table.invoices().size());
  DistinctStamps country_orders(table.invoices().size());
  customer_orders.NextGroup();
  country_orders.NextGroup();
  const auto quantities = table.quantities();
  days.ForEachRow(index, [&](size_t row) {
    const Money revenue = table.LineRevenue(row);
    const uint32_t invoice = table.invoice_codes()[row];
    if (const uint32_t customer = table.customer_codes()[row]; customer != kNoCustomer) {
      Group& group = customers[customer];
      group.code = customer;
      group.revenue.Add(revenue);
      // An invoice belongs to one customer, so first sightings count its orders.
      group.orders += customer_orders.First(invoice);
    }
    Group& product = products[table.stock_codes()[row]];
    product.code = table.stock_codes()[row];
    product.revenue.Add(revenue);
    product.quantity += quantities[row];
    descriptions.Add(product.code, table.description_codes()[row]);
    Group& country = countries[table.country_codes()[row]];
    country.code = table.country_codes()[row];
    country.revenue.Add(revenue);
    country.orders += country_orders.First(invoice);
  });

  std::vector<Group> ranked;
  auto rank = [&](absl::flat_hash_map<uint32_t, Group>& groups,
                  const StringDictionary& keys) {
    ranked.clear();
    for (auto& [code, group] : groups) {
      group.key = std::string(keys.Get(code));
      ranked.push_back(group);
    }
    KeepTop(&ranked, top_n);
  };
  rank(customers, table.customers());
  for (const Group& g : ranked)
    report.top_customers.push_back({g.key, g.revenue, g.orders});
  rank(countries, table.countries());
  for (const Group& g : ranked)
    report.top_countries.push_back({g.key, g.revenue, g.orders});
  rank(products, table.stock_codes_dictionary());
  for (const Group& g : ranked) {
    report.top_products.push_back(
        {g.key, std::string(table.descriptions().Get(descriptions.Best(g.code))),
         g.revenue, g.quantity});
  }
  return report;
}

}  // namespace storepulse::analytics
