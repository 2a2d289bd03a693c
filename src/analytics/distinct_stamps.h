// Exact distinct counts per group with no hashing: rows of one group are visited
// together, and a code counts the first time it is seen with the group's stamp. One
// instance per thread, sized by the dictionary of the codes.
#pragma once

#include <cstdint>
#include <vector>

namespace storepulse::analytics {

class DistinctStamps {
 public:
  explicit DistinctStamps(size_t codes) : stamps_(codes, 0) {}
  // Starts a new group.
  void NextGroup() { ++stamp_; }
  // True the first time `code` is seen in the current group.
  bool First(uint32_t code) {
    if (stamps_[code] == stamp_) return false;
    stamps_[code] = stamp_;
    return true;
  }

 private:
  std::vector<uint32_t> stamps_;
  uint32_t stamp_ = 0;
};

}  // namespace storepulse::analytics
