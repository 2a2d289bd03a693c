// The prototype's customer tiers by revenue per customer:
//   VIP          revenue >= the 95th percentile
//   High Value   revenue >= the 67th percentile
//   Medium Value revenue >= the 33rd percentile
//   Low Value    below the 33rd percentile
// Percentiles are taken over per-customer revenue rounded to the penny, interpolating
// linearly between order statistics (NumPy's and pandas' default), so the thresholds can
// be checked against them. Holistic: exact, but not mergeable across partitions.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "analytics/customer_summary.h"
#include "core/money.h"

namespace storepulse::analytics {

enum class Tier : uint8_t { kVip = 0, kHighValue, kMediumValue, kLowValue };
inline constexpr size_t kTierCount = 4;
std::string_view TierName(Tier tier);  // "VIP", "High Value", "Medium Value", "Low Value"

struct TierFigures {
  uint64_t customers = 0;
  MoneySum revenue;
  WideInt mean_revenue_cents = 0;
  double mean_orders = 0;
};

struct Segmentation {
  // Revenue thresholds (pounds) at the 33rd, 67th and 95th percentiles.
  double p33 = 0, p67 = 0, p95 = 0;
  std::array<TierFigures, kTierCount> tiers{};
  std::vector<Tier> tier_of;  // by customer code
};

Segmentation SegmentCustomers(const std::vector<CustomerSummary>& customers);

}  // namespace storepulse::analytics
