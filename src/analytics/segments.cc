#include "analytics/segments.h"

#include <array>

#include "analytics/percentile.h"

namespace storepulse::analytics {

std::string_view TierName(Tier tier) {
  switch (tier) {
    case Tier::kVip:
      return "VIP";
    case Tier::kHighValue:
      return "High Value";
    case Tier::kMediumValue:
      return "Medium Value";
    case Tier::kLowValue:
      return "Low Value";
  }
  return "Unknown";
}

Segmentation SegmentCustomers(const std::vector<CustomerSummary>& customers) {
  Segmentation segmentation;
  segmentation.tier_of.assign(customers.size(), Tier::kLowValue);
  if (customers.empty()) return segmentation;
  std::vector<int64_t> cents(customers.size());
  for (size_t i = 0; i < customers.size(); ++i) {
    cents[i] = static_cast<int64_t>(customers[i].revenue.RoundedCents());
  }
  std::vector<int64_t> sorted = cents;
  constexpr std::array<double, 3> kQ = {33.0, 67.0, 95.0};
  const auto thresholds = PercentilesInPlace<int64_t>(sorted, kQ);
  segmentation.p33 = thresholds[0] / 100.0;
  segmentation.p67 = thresholds[1] / 100.0;
  segmentation.p95 = thresholds[2] / 100.0;

  std::array<uint64_t, kTierCount> orders{};
  for (size_t i = 0; i < customers.size(); ++i) {
    const double value = static_cast<double>(cents[i]);
    Tier tier = Tier::kLowValue;
    if (value >= thresholds[2]) {
      tier = Tier::kVip;
    } else if (value >= thresholds[1]) {
      tier = Tier::kHighValue;
    } else if (value >= thresholds[0]) {
      tier = Tier::kMediumValue;
    }
    segmentation.tier_of[i] = tier;
    TierFigures& figures = segmentation.tiers[static_cast<size_t>(tier)];
    ++figures.customers;
    figures.revenue.Merge(customers[i].revenue);
    orders[static_cast<size_t>(tier)] += customers[i].orders;
  }
  for (size_t t = 0; t < kTierCount; ++t) {
    TierFigures& figures = segmentation.tiers[t];
    figures.mean_revenue_cents =
        MeanCents(figures.revenue, static_cast<int64_t>(figures.customers));
    figures.mean_orders =
        figures.customers == 0
            ? 0.0
            : static_cast<double>(orders[t]) / static_cast<double>(figures.customers);
  }
  return segmentation;
}

}  // namespace storepulse::analytics
