#include "ml/splits.h"

#include <algorithm>
#include <cmath>

#include "core/civil_time.h"

namespace storepulse::ml {

std::vector<size_t> RowSplit::Training() const {
  std::vector<size_t> rows;
  rows.reserve(fit.size() + validation.size());
  std::merge(fit.begin(), fit.end(), validation.begin(), validation.end(),
             std::back_inserter(rows));
  return rows;
}

uint64_t SplitMix64(uint64_t x) {
  uint64_t z = x + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint32_t SplitBucket(uint64_t seed, uint64_t row) {
  return static_cast<uint32_t>(SplitMix64(SplitMix64(seed) + row) % 10000);
}

RowSplit RandomSplit(size_t rows, uint64_t seed, double test_share,
                     double validation_share) {
  const uint32_t test_end = static_cast<uint32_t>(std::lround(test_share * 10000));
  const uint32_t validation_end =
      test_end + static_cast<uint32_t>(std::lround(validation_share * 10000));
  RowSplit split;
  for (size_t row = 0; row < rows; ++row) {
    const uint32_t bucket = SplitBucket(seed, row);
    if (bucket < test_end) {
      split.test.push_back(row);
    } else if (bucket < validation_end) {
      split.validation.push_back(row);
    } else {
      split.fit.push_back(row);
    }
  }
  return split;
}

RowSplit TimeSplit(const Table& table, double test_share, double validation_share) {
  std::vector<int64_t> days;
  for (const Timestamp timestamp : table.timestamps()) days.push_back(DayOf(timestamp));
  std::vector<int64_t> distinct = days;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  RowSplit split;
  if (distinct.empty()) return split;
  const auto count = static_cast<double>(distinct.size());
  const size_t test_days = static_cast<size_t>(std::ceil(count * test_share));
  const size_t validation_days = static_cast<size_t>(std::ceil(count * validation_share));
  const size_t test_start = distinct.size() - std::min(test_days, distinct.size());
  const size_t validation_start = test_start - std::min(validation_days, test_start);
  // The first day of each part (a day before every sale when the part is empty).
  const int64_t test_from =
      test_start < distinct.size() ? distinct[test_start] : distinct.back() + 1;
  const int64_t validation_from =
      validation_start < distinct.size() ? distinct[validation_start] : test_from;
  for (size_t row = 0; row < days.size(); ++row) {
    if (days[row] >= test_from) {
      split.test.push_back(row);
    } else if (days[row] >= validation_from) {
      split.validation.push_back(row);
    } else {
      split.fit.push_back(row);
    }
  }
  return split;
}

}  // namespace storepulse::ml
