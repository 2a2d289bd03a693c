// Equality of the short strings order lines are made of (invoice numbers, stock codes,
// dates, customer ids, countries, descriptions), compared for every row: inline word
// loads instead of a call to memcmp, which on short strings costs more in the call than
// in the comparing (memcmp was ~7% of the reader's CPU).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace storepulse {

inline bool SameBytes(std::string_view a, std::string_view b) {
  const size_t size = a.size();
  if (size != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  auto word = [](const char* p) {
    uint64_t value;
    std::memcpy(&value, p, 8);
    return value;
  };
  if (size >= 8) {
    // Whole words, then the last word again (overlapping): no byte outside either view
    // is read.
    for (size_t i = 0; i + 8 < size; i += 8) {
      if (word(x + i) != word(y + i)) return false;
    }
    return word(x + size - 8) == word(y + size - 8);
  }
  if (size >= 4) {
    uint32_t x_head, y_head, x_tail, y_tail;
    std::memcpy(&x_head, x, 4);
    std::memcpy(&y_head, y, 4);
    std::memcpy(&x_tail, x + size - 4, 4);
    std::memcpy(&y_tail, y + size - 4, 4);
    return x_head == y_head && x_tail == y_tail;
  }
  for (size_t i = 0; i < size; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

}  // namespace storepulse
