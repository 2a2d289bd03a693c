// Which days the forecast puts at 0: closed weekdays, and closures of a working week or
// more (recurring yearly), but not a one-off bank holiday.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/civil_time.h"
#include "ml/daily_forecast_model.h"

namespace storepulse::ml {
namespace {

TEST(ClosedDaysTest, ClosedWeekdaysAndLongClosuresButNotBankHolidays) {
  DailyValues revenue;
  revenue.first_day = DaysFromCivil({2010, 12, 1});
  const int64_t last = DaysFromCivil({2011, 3, 31});
  for (int64_t day = revenue.first_day; day <= last; ++day) {
    const CivilDate date = CivilFromDays(day);
    const bool saturday = WeekdayOfDay(day) == 5;
    const bool christmas =
        (date.month == 12 && date.day >= 24) || (date.month == 1 && date.day <= 3);
    const bool bank_holiday = date.month == 3 && (date.day == 7 || date.day == 8);
    revenue.values.push_back(saturday || christmas || bank_holiday ? 0.0 : 1000.0);
  }
  const ClosedDays closed = ClosedDays::Find(revenue, last);
  EXPECT_THAT(closed.weekdays, ::testing::ElementsAre(5));
  EXPECT_THAT(closed.annual,
              ::testing::ElementsAre("12-24", "12-25", "12-26", "12-27", "12-28", "12-29",
                                     "12-30", "12-31", "01-01", "01-02", "01-03"));
  EXPECT_TRUE(closed.Contains(DaysFromCivil({2011, 12, 27})));   // a Tuesday, next year
  EXPECT_TRUE(closed.Contains(DaysFromCivil({2011, 4, 2})));     // a Saturday
  EXPECT_FALSE(closed.Contains(DaysFromCivil({2012, 3, 7})));    // the bank holiday
  EXPECT_FALSE(closed.Contains(DaysFromCivil({2011, 12, 23})));  // a Friday

  // Up to a day inside the closure, the closure has not ended: nothing annual yet.
  EXPECT_TRUE(ClosedDays::Find(revenue, DaysFromCivil({2010, 12, 30})).annual.empty());
}

}  // namespace
}  // namespace storepulse::ml
