// The most frequent description of each stock code: the name a product is shown under.
// One rule everywhere: most lines, ties to the description that appears first in the
// table (the lowest dictionary code).
#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <vector>

namespace storepulse::analytics {

class DescriptionTally {
 public:
  explicit DescriptionTally(size_t stock_codes)
      : first_(stock_codes, 0),
        first_lines_(stock_codes, 0),
        best_(stock_codes, 0),
        best_lines_(stock_codes, 0) {}

  void Add(uint32_t stock_code, uint32_t description) {
    // Nearly every line of a stock code has the description its first line had: that
    // one is counted in an array, only the others in the hash map.
    uint32_t& first = first_[stock_code];
    if (first_lines_[stock_code] == 0) first = description;  // its first line
    const uint64_t lines =
        description == first
            ? ++first_lines_[stock_code]
            : ++lines_[(static_cast<uint64_t>(stock_code) << 32) | description];
    // Counts only grow, so comparing with the current best at each step keeps the best.
    if (lines > best_lines_[stock_code] ||
        (lines == best_lines_[stock_code] && description < best_[stock_code])) {
      best_lines_[stock_code] = lines;
      best_[stock_code] = description;
    }
  }

  // The description code of `stock_code` (0 when it had no line).
  uint32_t Best(uint32_t stock_code) const { return best_[stock_code]; }
  std::vector<uint32_t> TakeAll() { return std::move(best_); }

 private:
  // By stock code: the description its first line had, and the lines with it.
  std::vector<uint32_t> first_;
  std::vector<uint64_t> first_lines_;
  // (stock code, any other description) -> lines
  absl::flat_hash_map<uint64_t, uint64_t> lines_;
  std::vector<uint32_t> best_;
  std::vector<uint64_t> best_lines_;
};

}  // namespace storepulse::analytics
