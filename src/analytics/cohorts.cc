#include "analytics/cohorts.h"

#include <algorithm>
#include <limits>

namespace storepulse::analytics {

int64_t MonthIndex(Timestamp timestamp) {
  const CivilDate date = CivilFromDays(DayOf(timestamp));
  return static_cast<int64_t>(date.year) * 12 + (date.month - 1);
}

Retention ComputeRetention(const Table& table,
                           const std::vector<CustomerSummary>& customers) {
  Retention retention;
  if (customers.empty()) return retention;
  int64_t first_month = std::numeric_limits<int64_t>::max();
  int64_t last_month = std::numeric_limits<int64_t>::min();
  std::vector<int64_t> cohort_of(customers.size());
  for (size_t c = 0; c < customers.size(); ++c) {
    cohort_of[c] = MonthIndex(customers[c].first_purchase);
    first_month = std::min(first_month, cohort_of[c]);
    last_month = std::max(last_month, MonthIndex(customers[c].last_purchase));
    ++retention.customers;
    retention.repeat_customers += customers[c].orders >= 2;
  }
  const size_t months = static_cast<size_t>(last_month - first_month + 1);
  // active[cohort][offset], counting each customer once per month: the last month
  // already counted for a customer is remembered.
  std::vector<std::vector<uint64_t>> active(months, std::vector<uint64_t>(months, 0));
  std::vector<uint64_t> cohort_size(months, 0);
  for (size_t c = 0; c < customers.size(); ++c) ++cohort_size[cohort_of[c] - first_month];
  std::vector<int64_t> last_counted(customers.size(),
                                    std::numeric_limits<int64_t>::min());
  std::vector<std::vector<bool>> seen(customers.size());
  const auto customer_codes = table.customer_codes();
  const auto timestamps = table.timestamps();
  // Rows come mostly in time order: the month of the previous row's day usually serves,
  // sparing a calendar conversion per row.
  int64_t cached_day = std::numeric_limits<int64_t>::min();
  int64_t cached_month = 0;
  for (size_t row = 0; row < table.size(); ++row) {
    const uint32_t customer = customer_codes[row];
    if (customer == kNoCustomer) continue;
    const int64_t day = DayOf(timestamps[row]);
    if (day != cached_day) {
      cached_day = day;
      cached_month = MonthIndex(timestamps[row]);
    }
    const int64_t month = cached_month;
    if (month == last_counted[customer]) continue;
    auto& months_seen = seen[customer];
    const size_t offset = static_cast<size_t>(month - cohort_of[customer]);
    if (months_seen.size() <= offset) months_seen.resize(offset + 1, false);
    if (!months_seen[offset]) {
      months_seen[offset] = true;
      ++active[cohort_of[customer] - first_month][offset];
    }
    last_counted[customer] = month;
  }
  for (size_t i = 0; i < months; ++i) {
    if (cohort_size[i] == 0) continue;
    Cohort cohort;
    const int64_t month = first_month + static_cast<int64_t>(i);
    cohort.year = static_cast<int>(month / 12);
    cohort.month = static_cast<int>(month % 12) + 1;
    cohort.customers = cohort_size[i];
    cohort.active.assign(active[i].begin(), active[i].begin() + (months - i));
    retention.cohorts.push_back(std::move(cohort));
  }
  retention.repeat_purchase_rate = static_cast<double>(retention.repeat_customers) /
                                   static_cast<double>(retention.customers);
  return retention;
}

}  // namespace storepulse::analytics
