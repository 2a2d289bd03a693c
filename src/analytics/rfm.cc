#include "analytics/rfm.h"

#include <algorithm>
#include <numeric>

namespace storepulse::analytics {

std::string_view RfmSegmentName(RfmSegment segment) {
  switch (segment) {
    case RfmSegment::kChampions:
      return "Champions";
    case RfmSegment::kLoyal:
      return "Loyal";
    case RfmSegment::kPotentialLoyalist:
      return "Potential Loyalist";
    case RfmSegment::kNew:
      return "New";
    case RfmSegment::kCantLose:
      return "Can't Lose";
    case RfmSegment::kAtRisk:
      return "At Risk";
    case RfmSegment::kHibernating:
      return "Hibernating";
    case RfmSegment::kLost:
      return "Lost";
  }
  return "Unknown";
}

RfmSegment SegmentOf(uint8_t r, uint8_t f, uint64_t orders) {
  if (r >= 4 && f >= 4) return RfmSegment::kChampions;
  if (r >= 3 && f >= 3) return RfmSegment::kLoyal;
  if (r >= 4 && orders == 1) return RfmSegment::kNew;
  if (r >= 4) return RfmSegment::kPotentialLoyalist;
  if (r <= 2 && f >= 4) return RfmSegment::kCantLose;
  if (r <= 2 && f >= 3) return RfmSegment::kAtRisk;
  if (r >= 2) return RfmSegment::kHibernating;
  return RfmSegment::kLost;
}

namespace {

// Quintile scores 1..5 of `values` (ascending = higher score), ranking ties by index.
template <typename T>
std::vector<uint8_t> QuintileScores(const std::vector<T>& values) {
  const size_t n = values.size();
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return values[a] < values[b]; });
  std::vector<uint8_t> scores(n);
  for (size_t rank = 1; rank <= n; ++rank) {
    // pandas.qcut of ranks 1..n into five bins: edges at 1 + k(n-1)/5, right-closed,
    // so rank r falls in bin ceil(5(r-1)/(n-1)), the first bin taking rank 1 too.
    size_t bin = 1;
    if (n > 1 && rank > 1) bin = (5 * (rank - 1) + (n - 1) - 1) / (n - 1);
    scores[order[rank - 1]] = static_cast<uint8_t>(std::clamp<size_t>(bin, 1, 5));
  }
  return scores;
}

}  // namespace

std::vector<RfmScore> ScoreRfm(const std::vector<CustomerSummary>& customers,
                               int64_t snapshot_day) {
  const size_t n = customers.size();
  std::vector<RfmScore> scores(n);
  std::vector<int64_t> recency(n);
  std::vector<uint64_t> frequency(n);
  std::vector<WideInt> monetary(n);
  const Timestamp snapshot = snapshot_day * kSecondsPerDay;
  for (size_t i = 0; i < n; ++i) {
    const CustomerSummary& c = customers[i];
    RfmScore& score = scores[i];
    score.customer = c.customer;
    score.recency_days = DayOf(snapshot - c.last_purchase);
    score.frequency = c.orders;
    score.monetary = c.revenue;
    recency[i] = score.recency_days;
    frequency[i] = c.orders;
    monetary[i] = c.revenue.units();
  }
  const auto r = QuintileScores(recency);
  const auto f = QuintileScores(frequency);
  const auto m = QuintileScores(monetary);
  for (size_t i = 0; i < n; ++i) {
    scores[i].r = static_cast<uint8_t>(6 - r[i]);  // the most recent score 5
    scores[i].f = f[i];
    scores[i].m = m[i];
    scores[i].segment = SegmentOf(scores[i].r, f[i], scores[i].frequency);
  }
  return scores;
}

}  // namespace storepulse::analytics
