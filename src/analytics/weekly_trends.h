// Weekly trends: the seven calendar days ending on a date, day by day and in total, with
// growth, and a table of every ISO week.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "analytics/daily_metrics.h"
#include "analytics/day_groups.h"

namespace storepulse::analytics {

struct PeriodTotals {
  MoneySum revenue;
  uint64_t orders = 0;
  uint64_t lines = 0;
  uint64_t customers = 0;  // distinct over the whole period
  int64_t quantity = 0;
};

struct WeeklyTrends {
  int64_t first_day = 0;
  int64_t last_day = 0;
  // One entry per calendar day of the window; days without sales have zero figures.
  std::vector<DailyMetrics> days;
  PeriodTotals total;
  PeriodTotals previous;  // the seven days before
  // Revenue growth in percent from the window's first day with sales to its last (the
  // prototype's figure; the shop is closed on Saturdays, so empty days are skipped), and
  // against the previous seven days. Empty when there is nothing to compare with.
  std::optional<double> growth_first_to_last_day;
  std::optional<double> growth_vs_previous_week;
};

// REQUIRES: `end_day` within [days.first_day(), days.last_day()].
WeeklyTrends ComputeWeeklyTrends(const Table& table, const DayGroups& days,
                                 const std::vector<DailyMetrics>& daily, int64_t end_day);

struct IsoWeek {
  int iso_year = 0;
  int week = 0;
  int64_t first_day = 0;  // its Monday
  PeriodTotals totals;
};

// Every ISO week from the first sale to the last.
std::vector<IsoWeek> ComputeIsoWeeks(const Table& table, const DayGroups& days);

// The ISO 8601 year and week of a day.
void IsoWeekOf(int64_t day, int* iso_year, int* week);

}  // namespace storepulse::analytics
