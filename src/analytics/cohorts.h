// Retention: customers grouped by the month of their first order (acquisition cohort),
// and for each month since, how many of them ordered again. Month 0 is the cohort
// itself (every customer), so rates start at 100%.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/customer_summary.h"
#include "core/table.h"

namespace storepulse::analytics {

struct Cohort {
  int year = 0;
  int month = 0;  // 1..12
  uint64_t customers = 0;
  // active[k]: customers of the cohort with an order k months after their first month.
  std::vector<uint64_t> active;
};

struct Retention {
  std::vector<Cohort> cohorts;  // by month, ascending
  uint64_t customers = 0;
  uint64_t repeat_customers = 0;  // with two or more orders
  double repeat_purchase_rate = 0;
};

Retention ComputeRetention(const Table& table,
                           const std::vector<CustomerSummary>& customers);

// Months since 0000-01: a month number for arithmetic.
int64_t MonthIndex(Timestamp timestamp);

}  // namespace storepulse::analytics
