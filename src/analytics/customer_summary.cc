#include "analytics/customer_summary.h"

#include <algorithm>
#include <limits>

namespace storepulse::analytics {

std::vector<CustomerSummary> SummariseCustomers(const Table& table) {
  const size_t customers = table.customers().size();
  std::vector<CustomerSummary> summaries(customers);
  std::vector<WideInt> revenue(customers, 0);
  for (uint32_t code = 0; code < customers; ++code) {
    summaries[code].customer = code;
    summaries[code].first_purchase = std::numeric_limits<Timestamp>::max();
    summaries[code].last_purchase = std::numeric_limits<Timestamp>::min();
  }
  std::vector<bool> invoice_seen(table.invoices().size(), false);
  const auto customer_codes = table.customer_codes();
  const auto invoices = table.invoice_codes();
  const auto timestamps = table.timestamps();
  const auto quantities = table.quantities();
  const auto prices = table.unit_prices();
  for (size_t row = 0; row < table.size(); ++row) {
    const uint32_t customer = customer_codes[row];
    if (customer == kNoCustomer) continue;
    CustomerSummary& summary = summaries[customer];
    revenue[customer] += static_cast<int64_t>(quantities[row]) * prices[row];
    ++summary.lines;
    if (!invoice_seen[invoices[row]]) {
      invoice_seen[invoices[row]] = true;
      ++summary.orders;
    }
    summary.first_purchase = std::min(summary.first_purchase, timestamps[row]);
    summary.last_purchase = std::max(summary.last_purchase, timestamps[row]);
  }
  for (uint32_t code = 0; code < customers; ++code)
    summaries[code].revenue = MoneySum(revenue[code]);
  return summaries;
}

}  // namespace storepulse::analytics
