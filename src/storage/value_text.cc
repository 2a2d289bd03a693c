#include "storage/value_text.h"

#include <cassert>
#include <charconv>
#include <cstdlib>

namespace storepulse::storage {
namespace {

// Appends `value` zero-padded to `width` digits. REQUIRES: value >= 0.
void AppendPadded(uint64_t value, int width, std::string* out) {
  char digits[24];
  int length = 0;
  do {
    digits[length++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int pad = length; pad < width; ++pad) out->push_back('0');
  while (length > 0) out->push_back(digits[--length]);
}

}  // namespace

void AppendMoneyText(Money amount, std::string* out) {
  const int64_t units = amount.units();
  // Unsigned magnitude: -INT64_MIN does not fit an int64_t.
  const uint64_t magnitude = units < 0 ? uint64_t{0} - static_cast<uint64_t>(units)
                                       : static_cast<uint64_t>(units);
  if (units < 0) out->push_back('-');
  AppendPadded(magnitude / Money::kUnitsPerCurrency, 1, out);
  out->push_back('.');
  AppendPadded(magnitude % Money::kUnitsPerCurrency, Money::kDecimals, out);
}

void AppendDateText(int64_t days, std::string* out) {
  const CivilDate date = CivilFromDays(days);
  if (date.year < 0) out->push_back('-');
  AppendPadded(static_cast<uint64_t>(std::abs(date.year)), 4, out);
  out->push_back('-');
  AppendPadded(static_cast<uint64_t>(date.month), 2, out);
  out->push_back('-');
  AppendPadded(static_cast<uint64_t>(date.day), 2, out);
}

void AppendTimestampText(Timestamp timestamp, std::string* out) {
  const int64_t days = DayOf(timestamp);
  const int64_t seconds = timestamp - days * kSecondsPerDay;
  AppendDateText(days, out);
  out->push_back(' ');
  AppendPadded(static_cast<uint64_t>(seconds / 3600), 2, out);
  out->push_back(':');
  AppendPadded(static_cast<uint64_t>(seconds / 60 % 60), 2, out);
  out->push_back(':');
  AppendPadded(static_cast<uint64_t>(seconds % 60), 2, out);
}

void AppendRealText(double value, std::string* out) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  assert(result.ec == std::errc());
  out->append(buffer, result.ptr);
}

void AppendValueText(const Value& value, std::string* out) {
  assert(!IsNull(value));
  if (const auto* integer = std::get_if<int64_t>(&value)) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), *integer);
    out->append(buffer, result.ptr);
  } else if (const auto* real = std::get_if<double>(&value)) {
    AppendRealText(*real, out);
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    out->append(*text);
  } else if (const auto* money = std::get_if<Money>(&value)) {
    AppendMoneyText(*money, out);
  } else if (const auto* date = std::get_if<Date>(&value)) {
    AppendDateText(date->days, out);
  } else if (const auto* date_time = std::get_if<DateTime>(&value)) {
    AppendTimestampText(date_time->seconds, out);
  }
}

}  // namespace storepulse::storage
