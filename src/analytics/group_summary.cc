#include "analytics/group_summary.h"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <numeric>

#include "analytics/distinct_stamps.h"

namespace storepulse::analytics {

template <typename Code>
std::vector<GroupSummary> SummariseGroups(const Table& table, std::span<const Code> keys,
                                          size_t key_count) {
  // Rows grouped by key with a counting sort, then each group on its own.
  std::vector<uint32_t> offsets(key_count + 1, 0);
  for (Code key : keys) ++offsets[key + 1];
  for (size_t k = 1; k <= key_count; ++k) offsets[k] += offsets[k - 1];
  std::vector<uint32_t> rows(keys.size());
  {
    std::vector<uint32_t> cursor(offsets.begin(), offsets.end() - 1);
    for (size_t row = 0; row < keys.size(); ++row)
      rows[cursor[keys[row]]++] = static_cast<uint32_t>(row);
  }
  std::vector<GroupSummary> groups(key_count);
  struct Counters {
    DistinctStamps invoices, customers;
  };
  tbb::enumerable_thread_specific<Counters> counters([&] {
    return Counters{DistinctStamps(table.invoices().size()),
                    DistinctStamps(table.customers().size())};
  });
  const auto quantities = table.quantities();
  const auto prices = table.unit_prices();
  const auto invoices = table.invoice_codes();
  const auto customers = table.customer_codes();
  tbb::parallel_for(tbb::blocked_range<size_t>(0, key_count, 16),
                    [&](const tbb::blocked_range<size_t>& range) {
                      Counters& local = counters.local();
                      for (size_t key = range.begin(); key < range.end(); ++key) {
                        GroupSummary& group = groups[key];
                        group.code = static_cast<uint32_t>(key);
                        local.invoices.NextGroup();
                        local.customers.NextGroup();
                        WideInt revenue = 0;
                        for (uint32_t k = offsets[key]; k < offsets[key + 1]; ++k) {
                          const uint32_t row = rows[k];
                          revenue += static_cast<int64_t>(quantities[row]) * prices[row];
                          group.quantity += quantities[row];
                          ++group.lines;
                          group.orders += local.invoices.First(invoices[row]);
                          if (customers[row] != kNoCustomer) {
                            group.customers += local.customers.First(customers[row]);
                          }
                        }
                        group.revenue = MoneySum(revenue);
                        group.average_order_value_cents =
                            MeanCents(group.revenue, static_cast<int64_t>(group.orders));
                      }
                    });
  return groups;
}

template std::vector<GroupSummary> SummariseGroups<uint32_t>(const Table&,
                                                             std::span<const uint32_t>,
                                                             size_t);
template std::vector<GroupSummary> SummariseGroups<uint16_t>(const Table&,
                                                             std::span<const uint16_t>,
                                                             size_t);

std::vector<uint32_t> RankByRevenue(const std::vector<GroupSummary>& groups,
                                    size_t top_n) {
  std::vector<uint32_t> codes(groups.size());
  std::iota(codes.begin(), codes.end(), 0);
  auto better = [&](uint32_t a, uint32_t b) {
    if (groups[a].revenue != groups[b].revenue)
      return groups[a].revenue > groups[b].revenue;
    return a < b;
  };
  const size_t keep = top_n == 0 ? codes.size() : std::min(top_n, codes.size());
  std::partial_sort(codes.begin(), codes.begin() + keep, codes.end(), better);
  codes.resize(keep);
  return codes;
}

}  // namespace storepulse::analytics
