#include "analytics/seasonality.h"

#include <algorithm>
#include <limits>

#include "analytics/cohorts.h"

namespace storepulse::analytics {

Seasonality ComputeSeasonality(const Table& table, const DayGroups& days) {
  Seasonality seasonality;
  if (table.empty()) return seasonality;
  const auto timestamps = table.timestamps();
  const auto quantities = table.quantities();
  const auto prices = table.unit_prices();
  const auto invoices = table.invoice_codes();
  const auto customers = table.customer_codes();
  const int64_t first_month = MonthIndex(days.first_day() * kSecondsPerDay);
  const int64_t last_month = MonthIndex(days.last_day() * kSecondsPerDay);
  const size_t months = static_cast<size_t>(last_month - first_month + 1);
  std::vector<WideInt> month_revenue(months, 0);
  std::vector<uint64_t> month_orders(months, 0), month_lines(months, 0),
      month_customers(months, 0);
  std::array<std::array<WideInt, 24>, 7> cells{};
  std::vector<bool> invoice_seen(table.invoices().size(), false);
  // A customer counts once per month: the last month it was counted in.
  std::vector<int64_t> customer_month(table.customers().size(), -1);
  // Day by day, so months come in order and a customer's last counted month suffices.
  for (int64_t index = 0; index < static_cast<int64_t>(days.span()); ++index) {
    const int64_t day = days.first_day() + index;
    const int weekday = WeekdayOfDay(day);
    const size_t month =
        static_cast<size_t>(MonthIndex(day * kSecondsPerDay) - first_month);
    days.ForEachRow(index, [&](size_t row) {
      const int64_t revenue = static_cast<int64_t>(quantities[row]) * prices[row];
      cells[weekday][HourOf(timestamps[row])] += revenue;
      month_revenue[month] += revenue;
      ++month_lines[month];
      ++seasonality.weekdays[weekday].lines;
      if (!invoice_seen[invoices[row]]) {
        invoice_seen[invoices[row]] = true;
        ++month_orders[month];
        ++seasonality.weekdays[weekday].orders;
      }
      if (customers[row] != kNoCustomer &&
          customer_month[customers[row]] != static_cast<int64_t>(month)) {
        customer_month[customers[row]] = static_cast<int64_t>(month);
        ++month_customers[month];
      }
    });
  }
  for (int weekday = 0; weekday < 7; ++weekday) {
    WideInt total = 0;
    for (int hour = 0; hour < 24; ++hour) {
      seasonality.revenue_by_weekday_hour[weekday][hour] = MoneySum(cells[weekday][hour]);
      seasonality.revenue_by_hour[hour].AddUnits(cells[weekday][hour]);
      total += cells[weekday][hour];
    }
    seasonality.weekdays[weekday].revenue = MoneySum(total);
  }
  for (size_t i = 0; i < months; ++i) {
    const int64_t month = first_month + static_cast<int64_t>(i);
    seasonality.months.push_back(MonthFigures{
        static_cast<int>(month / 12), static_cast<int>(month % 12) + 1,
        MoneySum(month_revenue[i]), month_orders[i], month_lines[i], month_customers[i]});
  }
  return seasonality;
}

}  // namespace storepulse::analytics
