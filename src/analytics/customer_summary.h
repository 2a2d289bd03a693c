// One row per customer: revenue, orders, first and last purchase. The base of customer
// segmentation, RFM and retention cohorts.
#pragma once

#include <cstdint>
#include <vector>

#include "core/civil_time.h"
#include "core/money.h"
#include "core/table.h"

namespace storepulse::analytics {

struct CustomerSummary {
  uint32_t customer = 0;  // code in table.customers()
  MoneySum revenue;
  uint64_t orders = 0;  // distinct invoices
  uint64_t lines = 0;
  Timestamp first_purchase = 0;
  Timestamp last_purchase = 0;
};

// Indexed by customer code: every customer of the table (lines without a customer are
// not counted). An invoice is counted for the customer of its first line.
std::vector<CustomerSummary> SummariseCustomers(const Table& table);

}  // namespace storepulse::analytics
