// Civil (naive local) date-time, as the export writes it: no time zone, no DST. A
// Timestamp counts seconds since 1970-01-01 00:00:00 on that civil clock, so day and
// hour arithmetic is plain integer arithmetic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace storepulse {

using Timestamp = int64_t;  // seconds since 1970-01-01T00:00:00 (naive)

inline constexpr int64_t kSecondsPerDay = 86'400;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const CivilDate&) const = default;
};

struct CivilDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(CivilDate date);
CivilDate CivilFromDays(int64_t days);

bool IsValidDate(int year, int month, int day);
int DaysInMonth(int year, int month);

Timestamp MakeTimestamp(const CivilDateTime& civil);
CivilDateTime ToCivil(Timestamp timestamp);

// Floor division: the day number of a timestamp, also for times before 1970.
constexpr int64_t DayOf(Timestamp timestamp) {
  return timestamp >= 0 ? timestamp / kSecondsPerDay
                        : -((-timestamp + kSecondsPerDay - 1) / kSecondsPerDay);
}
constexpr int HourOf(Timestamp timestamp) {
  return static_cast<int>((timestamp - DayOf(timestamp) * kSecondsPerDay) / 3600);
}
// 0 = Monday ... 6 = Sunday (pandas' dayofweek, the prototype's day_of_week).
constexpr int WeekdayOfDay(int64_t days) {
  // 1970-01-01 was a Thursday (3).
  const int64_t shifted = (days + 3) % 7;
  return static_cast<int>(shifted < 0 ? shifted + 7 : shifted);
}
constexpr int WeekdayOf(Timestamp timestamp) { return WeekdayOfDay(DayOf(timestamp)); }

// "2010-12-01T08:26:00"
std::string FormatIsoDateTime(Timestamp timestamp);
// "2010-12-01"
std::string FormatIsoDate(int64_t days);
// "12/1/2010 8:26": the Online Retail export's own form (seconds are dropped).
std::string FormatExportDateTime(Timestamp timestamp);

// Parses the export's "M/D/YYYY H:MM[:SS]" and ISO 8601 "YYYY-MM-DD[ T]HH:MM[:SS]", with
// optional surrounding spaces; false for anything else or an impossible date or time.
bool ParseDateTime(std::string_view text, Timestamp* out);
// Parses "YYYY-MM-DD" into a day number; false otherwise.
bool ParseIsoDate(std::string_view text, int64_t* days);

}  // namespace storepulse
