#include "synth/calendar.h"

#include <gtest/gtest.h>

#include "core/civil_time.h"

namespace storepulse::synth {
namespace {

const int64_t kStart = DaysFromCivil({2010, 12, 1});

TEST(CalendarTest, ClosedOnSaturdaysAndOverChristmas) {
  EXPECT_TRUE(IsTradingDay(DaysFromCivil({2010, 12, 1})));   // Wednesday
  EXPECT_FALSE(IsTradingDay(DaysFromCivil({2010, 12, 4})));  // Saturday
  EXPECT_TRUE(IsTradingDay(DaysFromCivil({2010, 12, 5})));   // Sunday
  EXPECT_TRUE(IsTradingDay(DaysFromCivil({2010, 12, 23})));
  EXPECT_FALSE(IsTradingDay(DaysFromCivil({2010, 12, 24})));
  EXPECT_FALSE(IsTradingDay(DaysFromCivil({2011, 1, 3})));
  EXPECT_TRUE(IsTradingDay(DaysFromCivil({2011, 1, 4})));
}

TEST(CalendarTest, RowsAddUpExactlyOverConsecutiveTradingDays) {
  for (const uint64_t rows : {1, 1'779, 1'781, 100'000, 541'909}) {
    const std::vector<TradingDay> days = PlanTradingDays(42, kStart, rows);
    ASSERT_FALSE(days.empty());
    uint64_t total = 0;
    for (size_t i = 0; i < days.size(); ++i) {
      const TradingDay& day = days[i];
      EXPECT_EQ(day.ordinal, i);
      EXPECT_EQ(day.first_row, total);
      EXPECT_GT(day.rows, 0u);
      EXPECT_TRUE(IsTradingDay(day.day));
      if (i > 0) {
        // No trading day skipped between two of the file's days.
        for (int64_t gap = days[i - 1].day + 1; gap < day.day; ++gap) {
          EXPECT_FALSE(IsTradingDay(gap));
        }
      }
      total += day.rows;
    }
    EXPECT_EQ(total, rows);
  }
}

TEST(CalendarTest, AYearOfRowsFillsAboutAYearOfTradingDays) {
  const std::vector<TradingDay> days = PlanTradingDays(42, kStart, 541'909);
  EXPECT_GT(days.size(), 280u);
  EXPECT_LT(days.size(), 330u);
}

TEST(CalendarTest, IsDeterministicAndVariesWithTheSeed) {
  const auto rows_of = [](uint64_t seed) {
    std::vector<uint32_t> rows;
    for (const TradingDay& day : PlanTradingDays(seed, kStart, 50'000))
      rows.push_back(day.rows);
    return rows;
  };
  EXPECT_EQ(rows_of(1), rows_of(1));
  EXPECT_NE(rows_of(1), rows_of(2));
}

TEST(BusinessHoursTest, MinutesStayInsideTheWeekdaysHours) {
  const BusinessHours hours;
  Rng rng(9);
  for (int weekday : {0, 3, 4, 6}) {
    uint32_t earliest = 24 * 60;
    uint32_t latest = 0;
    for (int i = 0; i < 20'000; ++i) {
      const uint32_t minute = hours.SampleMinute(rng, weekday);
      earliest = std::min(earliest, minute);
      latest = std::max(latest, minute);
    }
    EXPECT_GE(earliest, 7u * 60) << weekday;
    EXPECT_LT(latest, 21u * 60) << weekday;
    if (weekday == 6) {  // a short Sunday
      EXPECT_LT(latest, 17u * 60);
    }
    if (weekday == 4) {  // an early Friday close
      EXPECT_LT(latest, 18u * 60);
    }
  }
}

}  // namespace
}  // namespace storepulse::synth
