#include "synth/calendar.h"

#include <algorithm>
#include <array>
#include <cassert>

#include "core/civil_time.h"

namespace storepulse::synth {
namespace {

// Lines per day by weekday (Monday first), relative; measured on the real export.
// Saturday is closed.
constexpr std::array<double, 7> kWeekdayWeight = {1.00, 1.07, 1.00, 1.09,
                                                  0.86, 0.0,  0.68};

// Lines per trading day by month, relative: flat through the summer, then rising to the
// Christmas trade in November (the real export's shape).
constexpr std::array<double, 12> kMonthWeight = {0.82, 0.65, 0.77, 0.80, 0.82, 0.78,
                                                 0.86, 0.76, 1.09, 1.32, 1.83, 1.40};

constexpr int kFirstHour = 7;
constexpr int kHours = 14;  // 7:00 to 20:59

// Invoices per hour from 7:00, relative, per weekday: long evenings on Thursdays, an
// early close on Fridays and a short Sunday.
constexpr double kHourProfiles[7][kHours] = {
    {1, 18, 79, 92, 92, 127, 130, 118, 135, 105, 70, 20, 10, 3},  // Monday
    {1, 18, 79, 92, 92, 127, 130, 118, 135, 105, 70, 20, 10, 3},  // Tuesday
    {1, 18, 79, 92, 92, 127, 130, 118, 135, 105, 70, 20, 10, 3},  // Wednesday
    {1, 18, 78, 90, 81, 130, 120, 111, 114, 113, 51, 52, 35, 8},  // Thursday
    {2, 23, 87, 124, 117, 133, 128, 143, 110, 78, 55, 0, 0, 0},   // Friday
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},                   // Saturday
    {0, 0, 0, 56, 167, 212, 187, 156, 158, 64, 0, 0, 0, 0},       // Sunday
};

constexpr uint64_t kDayNoisePurpose = 0x6461792D6E6F6973;  // "day-nois"

double Mean(const double* values, size_t count, bool skip_zero) {
  double sum = 0.0;
  size_t used = 0;
  for (size_t i = 0; i < count; ++i) {
    if (skip_zero && values[i] == 0.0) continue;
    sum += values[i];
    ++used;
  }
  return sum / static_cast<double>(used);
}

}  // namespace

bool IsTradingDay(int64_t day) {
  if (WeekdayOfDay(day) == 5) return false;
  const CivilDate date = CivilFromDays(day);
  return !((date.month == 12 && date.day >= 24) || (date.month == 1 && date.day <= 3));
}

std::vector<TradingDay> PlanTradingDays(uint64_t seed, int64_t start_day, uint64_t rows) {
  std::vector<TradingDay> days;
  days.reserve(static_cast<size_t>(static_cast<double>(rows) / kLinesPerTradingDay) + 8);
  // Normalise the weights so that kLinesPerTradingDay is the long-run mean.
  const double scale = kLinesPerTradingDay /
                       Mean(kWeekdayWeight.data(), kWeekdayWeight.size(), true) /
                       Mean(kMonthWeight.data(), kMonthWeight.size(), false);
  Rng rng(StreamSeed(seed, kDayNoisePurpose));
  // Rows are handed out by rounding the running expectation, so each day gets its
  // share to within one row and the total is exact.
  double expected_so_far = 0.0;
  uint64_t assigned = 0;
  for (int64_t day = start_day; assigned < rows; ++day) {
    if (!IsTradingDay(day)) continue;
    const CivilDate date = CivilFromDays(day);
    // Triangular noise in [0.6, 1.4): busy and quiet days, without transcendental maths.
    const double noise = 0.6 + 0.4 * (rng.NextDouble() + rng.NextDouble());
    expected_so_far +=
        scale * kWeekdayWeight[WeekdayOfDay(day)] * kMonthWeight[date.month - 1] * noise;
    const uint64_t target =
        std::min(rows, std::max(assigned + 1, static_cast<uint64_t>(expected_so_far)));
    TradingDay trading_day;
    trading_day.day = day;
    trading_day.ordinal = static_cast<uint32_t>(days.size());
    trading_day.rows = static_cast<uint32_t>(target - assigned);
    trading_day.first_row = assigned;
    days.push_back(trading_day);
    assigned = target;
  }
  return days;
}

BusinessHours::BusinessHours() {
  for (int weekday = 0; weekday < 7; ++weekday) {
    if (weekday == 5) continue;
    hours_[weekday] = AliasTable(kHourProfiles[weekday]);
  }
}

uint32_t BusinessHours::SampleMinute(Rng& rng, int weekday) const {
  assert(weekday != 5);
  const uint32_t hour = kFirstHour + hours_[weekday].Sample(rng);
  return hour * 60 + static_cast<uint32_t>(rng.Below(60));
}

}  // namespace storepulse::synth
