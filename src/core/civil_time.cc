#include "core/civil_time.h"

#include <fmt/format.h>

namespace storepulse {

int64_t DaysFromCivil(CivilDate date) {
  const int64_t year = date.month <= 2 ? date.year - 1 : date.year;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t month = date.month;
  const int64_t day_of_year =
      (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + date.day - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return CivilDate{year, month, day};
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

Timestamp MakeTimestamp(const CivilDateTime& civil) {
  return DaysFromCivil(civil.date) * kSecondsPerDay + civil.hour * 3600 +
         civil.minute * 60 + civil.second;
}

CivilDateTime ToCivil(Timestamp timestamp) {
  const int64_t days = DayOf(timestamp);
  const int64_t seconds = timestamp - days * kSecondsPerDay;
  CivilDateTime civil;
  civil.date = CivilFromDays(days);
  civil.hour = static_cast<int>(seconds / 3600);
  civil.minute = static_cast<int>(seconds / 60 % 60);
  civil.second = static_cast<int>(seconds % 60);
  return civil;
}

std::string FormatIsoDateTime(Timestamp timestamp) {
  const CivilDateTime c = ToCivil(timestamp);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", c.date.year,
                     c.date.month, c.date.day, c.hour, c.minute, c.second);
}

std::string FormatIsoDate(int64_t days) {
  const CivilDate d = CivilFromDays(days);
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

std::string FormatExportDateTime(Timestamp timestamp) {
  const CivilDateTime c = ToCivil(timestamp);
  return fmt::format("{}/{}/{} {}:{:02d}", c.date.month, c.date.day, c.date.year, c.hour,
                     c.minute);
}

namespace {

// Reads 1..max_digits digits at text[*pos]; false when there is none.
bool ReadNumber(std::string_view text, size_t* pos, int max_digits, int* value) {
  int digits = 0;
  int number = 0;
  while (*pos < text.size() && digits < max_digits && text[*pos] >= '0' &&
         text[*pos] <= '9') {
    number = number * 10 + (text[*pos] - '0');
    ++*pos;
    ++digits;
  }
  *value = number;
  return digits > 0;
}

// Reads exactly `digits` digits.
bool ReadFixed(std::string_view text, size_t* pos, int digits, int* value) {
  const size_t start = *pos;
  return ReadNumber(text, pos, digits, value) &&
         *pos - start == static_cast<size_t>(digits);
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos < text.size() && text[*pos] == c) {
    ++*pos;
    return true;
  }
  return false;
}

// "H:MM[:SS]" (or "HH:MM[:SS]") up to the end of text.
bool ParseTime(std::string_view text, size_t pos, CivilDateTime* civil) {
  if (!ReadNumber(text, &pos, 2, &civil->hour) || !Expect(text, &pos, ':') ||
      !ReadFixed(text, &pos, 2, &civil->minute)) {
    return false;
  }
  civil->second = 0;
  if (Expect(text, &pos, ':') && !ReadFixed(text, &pos, 2, &civil->second)) return false;
  return pos == text.size() && civil->hour < 24 && civil->minute < 60 &&
         civil->second < 60;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

bool ParseDateTime(std::string_view text, Timestamp* out) {
  text = Trim(text);
  CivilDateTime civil;
  size_t pos = 0;
  int first = 0;
  if (!ReadNumber(text, &pos, 4, &first)) return false;
  if (pos < text.size() && text[pos] == '/') {
    // M/D/YYYY H:MM
    civil.date.month = first;
    ++pos;
    if (!ReadNumber(text, &pos, 2, &civil.date.day) || !Expect(text, &pos, '/') ||
        !ReadFixed(text, &pos, 4, &civil.date.year) || !Expect(text, &pos, ' ')) {
      return false;
    }
  } else {
    // YYYY-MM-DD[ T]HH:MM
    if (pos != 4) return false;
    civil.date.year = first;
    if (!Expect(text, &pos, '-') || !ReadFixed(text, &pos, 2, &civil.date.month) ||
        !Expect(text, &pos, '-') || !ReadFixed(text, &pos, 2, &civil.date.day)) {
      return false;
    }
    if (!Expect(text, &pos, ' ') && !Expect(text, &pos, 'T')) return false;
  }
  if (!IsValidDate(civil.date.year, civil.date.month, civil.date.day) ||
      !ParseTime(text, pos, &civil)) {
    return false;
  }
  *out = MakeTimestamp(civil);
  return true;
}

bool ParseIsoDate(std::string_view text, int64_t* days) {
  text = Trim(text);
  size_t pos = 0;
  CivilDate date;
  if (!ReadFixed(text, &pos, 4, &date.year) || !Expect(text, &pos, '-') ||
      !ReadFixed(text, &pos, 2, &date.month) || !Expect(text, &pos, '-') ||
      !ReadFixed(text, &pos, 2, &date.day) || pos != text.size() ||
      !IsValidDate(date.year, date.month, date.day)) {
    return false;
  }
  *days = DaysFromCivil(date);
  return true;
}

}  // namespace storepulse
