// Per-group figures for a dictionary-coded key (stock code, country): revenue, lines,
// units, and exact distinct orders and customers. Products and geography are this
// with different keys.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/table.h"

namespace storepulse::analytics {

struct GroupSummary {
  uint32_t code = 0;
  MoneySum revenue;
  uint64_t lines = 0;
  int64_t quantity = 0;
  uint64_t orders = 0;     // distinct invoices
  uint64_t customers = 0;  // distinct customers
  WideInt average_order_value_cents = 0;
};

// One summary per key code (0 .. key_count-1), in code order.
template <typename Code>
std::vector<GroupSummary> SummariseGroups(const Table& table, std::span<const Code> keys,
                                          size_t key_count);

// Codes ordered by revenue, highest first (ties: lower code first); at most `top_n`
// (0: all).
std::vector<uint32_t> RankByRevenue(const std::vector<GroupSummary>& groups,
                                    size_t top_n);

}  // namespace storepulse::analytics
