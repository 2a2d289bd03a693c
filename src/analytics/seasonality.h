// When the shop sells: revenue by hour of day × weekday, a weekday profile, and revenue
// and orders by calendar month.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "analytics/day_groups.h"
#include "core/money.h"
#include "core/table.h"

namespace storepulse::analytics {

struct WeekdayFigures {
  MoneySum revenue;
  uint64_t orders =
      0;  // distinct invoices, each counted on the weekday of its first line
  uint64_t lines = 0;
};

struct MonthFigures {
  int year = 0;
  int month = 0;
  MoneySum revenue;
  uint64_t orders = 0;  // each invoice in the month of its first line
  uint64_t lines = 0;
  uint64_t customers = 0;
};

struct Seasonality {
  // [weekday 0=Monday..6=Sunday][hour 0..23]
  std::array<std::array<MoneySum, 24>, 7> revenue_by_weekday_hour{};
  std::array<WeekdayFigures, 7> weekdays{};
  std::array<MoneySum, 24> revenue_by_hour{};
  std::vector<MonthFigures> months;  // every month from the first to the last, ascending
};

Seasonality ComputeSeasonality(const Table& table, const DayGroups& days);

}  // namespace storepulse::analytics
