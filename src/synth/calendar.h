// The shop's calendar: which days it trades, how many order lines each day gets and at
// which minutes its invoices are raised. Shapes follow the real export: closed on
// Saturdays and over Christmas, quieter on Fridays and Sundays, busiest in November,
// business hours 7:00-20:59 peaking around midday.
#pragma once

#include <cstdint>
#include <vector>

#include "synth/random.h"

namespace storepulse::synth {

// Average order lines per trading day: with ~305 trading days a year, the 541,909 rows
// of the real export span about a year, as they do there.
inline constexpr double kLinesPerTradingDay = 1'780.0;

// One day of the file, in file order.
struct TradingDay {
  int64_t day = 0;         // days since 1970-01-01
  uint32_t ordinal = 0;    // position among the file's trading days, from 0
  uint32_t rows = 0;       // order lines on this day, > 0
  uint64_t first_row = 0;  // data rows before this day in the file
};

// False on Saturdays and from 24 December to 3 January (the real shop's closures).
bool IsTradingDay(int64_t day);

// The trading days from `start_day` on, with rows allocated from weekday and month
// weights and a little day-to-day noise, so that their rows sum to exactly `rows`.
// Cheap (one pass over the days, a few draws each) and deterministic in (seed,
// start_day, rows). Empty when rows is 0.
std::vector<TradingDay> PlanTradingDays(uint64_t seed, int64_t start_day, uint64_t rows);

// When, within a trading day, invoices are raised.
class BusinessHours {
 public:
  BusinessHours();

  // A minute of the day (0..1439) drawn from the weekday's hour profile.
  // REQUIRES: weekday (0 = Monday) is not Saturday.
  uint32_t SampleMinute(Rng& rng, int weekday) const;

 private:
  AliasTable hours_[7];  // per weekday; Saturday stays empty
};

}  // namespace storepulse::synth
