#include "analytics/day_groups.h"

#include <algorithm>

namespace storepulse::analytics {

DayGroups DayGroups::Build(const Table& table) {
  DayGroups groups;
  const auto timestamps = table.timestamps();
  if (timestamps.empty()) return groups;
  int64_t first = DayOf(timestamps[0]);
  int64_t last = first;
  bool ordered = true;
  int64_t previous = first;
  for (Timestamp timestamp : timestamps) {
    const int64_t day = DayOf(timestamp);
    first = std::min(first, day);
    last = std::max(last, day);
    ordered &= day >= previous;
    previous = day;
  }
  groups.first_day_ = first;
  const size_t days = static_cast<size_t>(last - first + 1);
  std::vector<size_t> counts(days + 1, 0);
  for (Timestamp timestamp : timestamps) ++counts[DayOf(timestamp) - first + 1];
  for (size_t i = 1; i <= days; ++i) counts[i] += counts[i - 1];
  groups.offsets_ = counts;
  if (!ordered) {
    groups.order_.resize(timestamps.size());
    for (size_t row = 0; row < timestamps.size(); ++row) {
      groups.order_[counts[DayOf(timestamps[row]) - first]++] =
          static_cast<uint32_t>(row);
    }
  }
  return groups;
}

}  // namespace storepulse::analytics
