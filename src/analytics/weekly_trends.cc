#include "analytics/weekly_trends.h"

#include <algorithm>

#include "analytics/distinct_stamps.h"

namespace storepulse::analytics {

namespace {

PeriodTotals TotalsOf(const Table& table, const DayGroups& days, int64_t first_day,
                      int64_t last_day, DistinctStamps* invoices,
                      DistinctStamps* customers) {
  PeriodTotals totals;
  invoices->NextGroup();
  customers->NextGroup();
  WideInt revenue = 0;
  const auto quantities = table.quantities();
  const auto prices = table.unit_prices();
  const auto invoice_codes = table.invoice_codes();
  const auto customer_codes = table.customer_codes();
  const int64_t from = std::max(first_day, days.first_day());
  const int64_t to = std::min(last_day, days.last_day());
  for (int64_t day = from; day <= to; ++day) {
    days.ForEachRow(day - days.first_day(), [&](size_t row) {
      revenue += static_cast<int64_t>(quantities[row]) * prices[row];
      totals.quantity += quantities[row];
      ++totals.lines;
      totals.orders += invoices->First(invoice_codes[row]);
      if (customer_codes[row] != kNoCustomer)
        totals.customers += customers->First(customer_codes[row]);
    });
  }
  totals.revenue = MoneySum(revenue);
  return totals;
}

std::optional<double> Growth(const MoneySum& from, const MoneySum& to) {
  if (from.units() <= 0) return std::nullopt;
  return (static_cast<double>(to.units()) / static_cast<double>(from.units()) - 1.0) *
         100.0;
}

}  // namespace

WeeklyTrends ComputeWeeklyTrends(const Table& table, const DayGroups& days,
                                 const std::vector<DailyMetrics>& daily,
                                 int64_t end_day) {
  WeeklyTrends trends;
  trends.last_day = end_day;
  trends.first_day = end_day - 6;
  for (int64_t day = trends.first_day; day <= end_day; ++day) {
    auto found =
        std::lower_bound(daily.begin(), daily.end(), day,
                         [](const DailyMetrics& m, int64_t d) { return m.day < d; });
    DailyMetrics metrics;
    metrics.day = day;
    if (found != daily.end() && found->day == day) metrics = *found;
    trends.days.push_back(metrics);
  }
  DistinctStamps invoices(table.invoices().size());
  DistinctStamps customers(table.customers().size());
  trends.total = TotalsOf(table, days, trends.first_day, end_day, &invoices, &customers);
  trends.previous = TotalsOf(table, days, trends.first_day - 7, trends.first_day - 1,
                             &invoices, &customers);
  const DailyMetrics* first = nullptr;
  const DailyMetrics* last = nullptr;
  for (const DailyMetrics& day : trends.days) {
    if (day.lines == 0) continue;
    if (first == nullptr) first = &day;
    last = &day;
  }
  if (first != nullptr && first != last) {
    trends.growth_first_to_last_day = Growth(first->revenue, last->revenue);
  }
  trends.growth_vs_previous_week = Growth(trends.previous.revenue, trends.total.revenue);
  return trends;
}

void IsoWeekOf(int64_t day, int* iso_year, int* week) {
  // The ISO year is that of the week's Thursday; week 1 holds the year's first Thursday.
  const int64_t thursday = day - WeekdayOfDay(day) + 3;
  const int year = CivilFromDays(thursday).year;
  const int64_t january_first = DaysFromCivil(CivilDate{year, 1, 1});
  *iso_year = year;
  *week = static_cast<int>((thursday - january_first) / 7 + 1);
}

std::vector<IsoWeek> ComputeIsoWeeks(const Table& table, const DayGroups& days) {
  std::vector<IsoWeek> weeks;
  if (days.span() == 0) return weeks;
  DistinctStamps invoices(table.invoices().size());
  DistinctStamps customers(table.customers().size());
  for (int64_t monday = days.first_day() - WeekdayOfDay(days.first_day());
       monday <= days.last_day(); monday += 7) {
    IsoWeek week;
    IsoWeekOf(monday, &week.iso_year, &week.week);
    week.first_day = monday;
    week.totals = TotalsOf(table, days, monday, monday + 6, &invoices, &customers);
    weeks.push_back(week);
  }
  return weeks;
}

}  // namespace storepulse::analytics
