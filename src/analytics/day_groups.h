// Rows grouped by calendar day. Exports come in time order, so the grouping is usually
// the table's own order and costs nothing; otherwise a stable counting sort by day.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/table.h"

namespace storepulse::analytics {

class DayGroups {
 public:
  static DayGroups Build(const Table& table);

  // Days from the first to the last day with sales, including days without any.
  size_t span() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  int64_t first_day() const { return first_day_; }
  int64_t last_day() const { return first_day_ + static_cast<int64_t>(span()) - 1; }
  bool HasSales(int64_t day) const {
    return day >= first_day_ && day <= last_day() && RowCount(day - first_day_) > 0;
  }
  size_t RowCount(int64_t index) const { return offsets_[index + 1] - offsets_[index]; }

  // Calls fn(row) for each row of the day at `index` (day - first_day), in table order.
  template <typename Fn>
  void ForEachRow(int64_t index, Fn&& fn) const {
    for (size_t k = offsets_[index]; k < offsets_[index + 1]; ++k) {
      fn(order_.empty() ? k : static_cast<size_t>(order_[k]));
    }
  }

 private:
  int64_t first_day_ = 0;
  std::vector<size_t> offsets_;  // rows of day i: positions offsets_[i] .. offsets_[i+1]
  std::vector<uint32_t> order_;  // row ids by day; empty when the table is in day order
};

}  // namespace storepulse::analytics
