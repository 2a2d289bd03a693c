// RFM: per customer recency, frequency and monetary value, each scored 1-5 by
// quintile, and a named segment.
//
// recency   whole days from the last purchase to the snapshot: the day after the last
//           sale in the data (pandas: (snapshot - last).days, snapshot = max date + 1
//           day)
// frequency orders (distinct invoices)
// monetary  revenue
// Scores: customers ranked by the value (ties in customer order, pandas'
// rank(method="first")), cut into five equal groups (qcut); recency scores 5 for the
// most recent, frequency and monetary 5 for the highest.
//
// Segments, by recency score R, frequency score F and the number of orders, first rule
// that matches:
//   Champions           R >= 4 and F >= 4
//   Loyal               R >= 3 and F >= 3
//   New                 R >= 4 and exactly one order
//   Potential Loyalist  R >= 4 (recent, a few orders)
//   Can't Lose          R <= 2 and F >= 4
//   At Risk             R <= 2 and F >= 3
//   Hibernating         R >= 2 (R 2-3, F <= 2)
//   Lost                everyone else (R = 1, F <= 2)
// "New" looks at the orders themselves: with ties ranked by order of appearance, many
// one-order customers get F = 2, and a recent first-time buyer is new whatever F says.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "analytics/customer_summary.h"

namespace storepulse::analytics {

enum class RfmSegment : uint8_t {
  kChampions = 0,
  kLoyal,
  kPotentialLoyalist,
  kNew,
  kCantLose,
  kAtRisk,
  kHibernating,
  kLost,
};
inline constexpr size_t kRfmSegmentCount = 8;
std::string_view RfmSegmentName(RfmSegment segment);

struct RfmScore {
  uint32_t customer = 0;
  int64_t recency_days = 0;
  uint64_t frequency = 0;
  MoneySum monetary;
  uint8_t r = 0, f = 0, m = 0;
  RfmSegment segment = RfmSegment::kLost;
};

// One score per customer, by customer code. `snapshot_day` is the day after the last
// sale of the data.
std::vector<RfmScore> ScoreRfm(const std::vector<CustomerSummary>& customers,
                               int64_t snapshot_day);

RfmSegment SegmentOf(uint8_t r, uint8_t f, uint64_t orders);

}  // namespace storepulse::analytics
