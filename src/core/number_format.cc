#include "core/number_format.h"

namespace storepulse {

std::string GroupThousands(std::string_view digits) {
  std::string grouped;
  const size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  grouped.append(digits.substr(0, lead));
  for (size_t pos = lead; pos < digits.size(); pos += 3) {
    grouped.push_back(',');
    grouped.append(digits.substr(pos, 3));
  }
  return grouped;
}

std::string FormatCount(int64_t value) {
  const uint64_t magnitude =
      value < 0 ? ~static_cast<uint64_t>(value) + 1 : static_cast<uint64_t>(value);
  std::string grouped = GroupThousands(std::to_string(magnitude));
  return value < 0 ? "-" + grouped : grouped;
}

}  // namespace storepulse
