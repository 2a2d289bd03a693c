// Daily metrics: what a retailer reads every morning, for one day or every day. An order
// is a distinct InvoiceNo, a line a row; distinct counts are exact.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/day_groups.h"
#include "core/money.h"
#include "core/table.h"

namespace storepulse::analytics {

struct DailyMetrics {
  int64_t day = 0;  // days since 1970-01-01
  MoneySum revenue;
  uint64_t orders = 0;  // distinct invoices
  uint64_t lines = 0;
  uint64_t customers = 0;
  uint64_t products = 0;  // distinct stock codes
  uint64_t countries = 0;
  int64_t quantity = 0;
  WideInt average_order_value_cents = 0;  // revenue / orders, rounded once
  WideInt average_line_value_cents = 0;   // revenue / lines
  int peak_hour = 0;                      // the hour with most revenue (earliest on ties)
  MoneySum peak_hour_revenue;
};

// Every day with sales, ascending.
std::vector<DailyMetrics> ComputeDailyMetrics(const Table& table, const DayGroups& days);

struct RankedCustomer {
  std::string customer_id;
  MoneySum revenue;
  uint64_t orders = 0;
};
struct RankedProduct {
  std::string stock_code;
  std::string description;  // its most frequent description that day
  MoneySum revenue;
  int64_t quantity = 0;
};
struct RankedCountry {
  std::string country;
  MoneySum revenue;
  uint64_t orders = 0;
};

struct DailyReport {
  DailyMetrics metrics;
  std::vector<RankedCustomer> top_customers;
  std::vector<RankedProduct> top_products;
  std::vector<RankedCountry> top_countries;
};

// The report of one day. REQUIRES: days.HasSales(day).
DailyReport ComputeDailyReport(const Table& table, const DayGroups& days, int64_t day,
                               size_t top_n);

}  // namespace storepulse::analytics
