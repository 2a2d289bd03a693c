// Numbers for people: thousands separators.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace storepulse {

// "1234567" -> "1,234,567". REQUIRES: digits only.
std::string GroupThousands(std::string_view digits);
// 541909 -> "541,909", -1200 -> "-1,200".
std::string FormatCount(int64_t value);

}  // namespace storepulse
