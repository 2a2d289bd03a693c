#include "core/civil_time.h"

#include <gtest/gtest.h>

#include <string>

namespace storepulse {
namespace {

// Parses `text`, expecting success, and gives the result in ISO form.
std::string ParsedIso(std::string_view text) {
  Timestamp timestamp = 0;
  if (!ParseDateTime(text, &timestamp)) return "<rejected>";
  return FormatIsoDateTime(timestamp);
}

TEST(CivilTimeTest, KnownDayNumbers) {
  // Reference values from Python's datetime.date.
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({1969, 12, 31}), -1);
  EXPECT_EQ(DaysFromCivil({2010, 12, 1}), 14'944);
  EXPECT_EQ(DaysFromCivil({2011, 12, 9}), 15'317);
  EXPECT_EQ(DaysFromCivil({2000, 2, 29}), 11'016);
  EXPECT_EQ(DaysFromCivil({1900, 1, 1}), -25'567);
  EXPECT_EQ(DaysFromCivil({1600, 3, 1}), -135'080);
  EXPECT_EQ(DaysFromCivil({1, 1, 1}), -719'162);
  EXPECT_EQ(DaysFromCivil({9999, 12, 31}), 2'932'896);
}

TEST(CivilTimeTest, DayNumbersRoundTripDayByDayFromYearOneToTenThousand) {
  // Walks the calendar one day at a time with DaysInMonth, an independent count.
  CivilDate date{1, 1, 1};
  int64_t expected = DaysFromCivil(date);
  int leap_days = 0;
  while (date.year < 10'000) {
    // Plain comparisons: 3.6 million gtest assertions would slow the suite down.
    if (DaysFromCivil(date) != expected || CivilFromDays(expected) != date) {
      FAIL() << date.year << "-" << date.month << "-" << date.day << " is not day "
             << expected << " (DaysFromCivil gives " << DaysFromCivil(date) << ")";
    }
    if (date.month == 2 && date.day == 29) ++leap_days;
    ++expected;
    if (++date.day > DaysInMonth(date.year, date.month)) {
      date.day = 1;
      if (++date.month > 12) {
        date.month = 1;
        ++date.year;
      }
    }
  }
  // 2,425 leap years in 1..9999 (every 4th, minus centuries, plus every 400th).
  EXPECT_EQ(leap_days, 9999 / 4 - 9999 / 100 + 9999 / 400);
  EXPECT_EQ(expected, DaysFromCivil({10'000, 1, 1}));
}

TEST(CivilTimeTest, LeapYears) {
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2012, 2), 29);
  EXPECT_EQ(DaysInMonth(2011, 2), 28);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2011, 4), 30);
  EXPECT_EQ(DaysInMonth(2011, 12), 31);
  EXPECT_TRUE(IsValidDate(2012, 2, 29));
  EXPECT_FALSE(IsValidDate(2011, 2, 29));
  EXPECT_FALSE(IsValidDate(1900, 2, 29));
  EXPECT_TRUE(IsValidDate(2000, 2, 29));
}

TEST(CivilTimeTest, InvalidDates) {
  EXPECT_FALSE(IsValidDate(2011, 0, 1));
  EXPECT_FALSE(IsValidDate(2011, 13, 1));
  EXPECT_FALSE(IsValidDate(2011, 1, 0));
  EXPECT_FALSE(IsValidDate(2011, 4, 31));
  EXPECT_FALSE(IsValidDate(0, 1, 1));
  EXPECT_FALSE(IsValidDate(10'000, 1, 1));
  EXPECT_TRUE(IsValidDate(1, 1, 1));
  EXPECT_TRUE(IsValidDate(9999, 12, 31));
}

TEST(CivilTimeTest, WeekdayIsZeroForMonday) {
  auto weekday = [](CivilDate date) { return WeekdayOfDay(DaysFromCivil(date)); };
  EXPECT_EQ(weekday({2010, 12, 1}), 2);   // Wednesday
  EXPECT_EQ(weekday({2011, 12, 9}), 4);   // Friday
  EXPECT_EQ(weekday({1970, 1, 1}), 3);    // Thursday
  EXPECT_EQ(weekday({1969, 12, 31}), 2);  // Wednesday
  EXPECT_EQ(weekday({1900, 1, 1}), 0);    // Monday
  EXPECT_EQ(weekday({2011, 12, 11}), 6);  // Sunday
  EXPECT_EQ(weekday({1600, 3, 1}), 2);    // Wednesday
}

TEST(CivilTimeTest, WeekdayOfTimestampsBeforeAndAfterMidnight) {
  Timestamp opening = 0;
  ASSERT_TRUE(ParseDateTime("12/1/2010 8:26", &opening));
  EXPECT_EQ(WeekdayOf(opening), 2);
  EXPECT_EQ(WeekdayOf(-1), 2);  // 1969-12-31 23:59:59, a Wednesday
  EXPECT_EQ(WeekdayOf(0), 3);
  EXPECT_EQ(WeekdayOf(-kSecondsPerDay), 2);
  EXPECT_EQ(WeekdayOf(-kSecondsPerDay - 1), 1);
}

TEST(CivilTimeTest, DayAndHourFloorBeforeNineteenSeventy) {
  EXPECT_EQ(DayOf(-1), -1);
  EXPECT_EQ(HourOf(-1), 23);
  EXPECT_EQ(DayOf(-kSecondsPerDay), -1);
  EXPECT_EQ(DayOf(-kSecondsPerDay - 1), -2);
  EXPECT_EQ(DayOf(kSecondsPerDay - 1), 0);
  EXPECT_EQ(HourOf(kSecondsPerDay - 1), 23);
  EXPECT_EQ(FormatIsoDateTime(-1), "1969-12-31T23:59:59");
  EXPECT_EQ(FormatIsoDateTime(-kSecondsPerDay), "1969-12-31T00:00:00");
}

TEST(CivilTimeTest, MakeTimestampAndToCivilRoundTrip) {
  const CivilDateTime civil{{2010, 12, 1}, 8, 26, 0};
  const Timestamp timestamp = MakeTimestamp(civil);
  EXPECT_EQ(timestamp, 1'291'191'960);
  const CivilDateTime back = ToCivil(timestamp);
  EXPECT_EQ(back.date, civil.date);
  EXPECT_EQ(back.hour, 8);
  EXPECT_EQ(back.minute, 26);
  EXPECT_EQ(back.second, 0);
  const CivilDateTime early = ToCivil(MakeTimestamp({{1950, 6, 15}, 13, 45, 59}));
  EXPECT_EQ(early.date, (CivilDate{1950, 6, 15}));
  EXPECT_EQ(early.hour, 13);
  EXPECT_EQ(early.minute, 45);
  EXPECT_EQ(early.second, 59);
}

TEST(ParseDateTimeTest, ExportForm) {
  EXPECT_EQ(ParsedIso("12/1/2010 8:26"), "2010-12-01T08:26:00");
  EXPECT_EQ(ParsedIso("1/18/2011 10:01"), "2011-01-18T10:01:00");
  EXPECT_EQ(ParsedIso("12/9/2011 12:50"), "2011-12-09T12:50:00");
  EXPECT_EQ(ParsedIso("02/29/2012 00:00"), "2012-02-29T00:00:00");
  EXPECT_EQ(ParsedIso("12/1/2010 8:26:59"), "2010-12-01T08:26:59");
  EXPECT_EQ(ParsedIso("  12/1/2010 8:26 "), "2010-12-01T08:26:00");
}

TEST(ParseDateTimeTest, IsoForm) {
  EXPECT_EQ(ParsedIso("2011-12-09 12:50"), "2011-12-09T12:50:00");
  EXPECT_EQ(ParsedIso("2011-12-09T12:50:07"), "2011-12-09T12:50:07");
  EXPECT_EQ(ParsedIso("1969-12-31 23:59:59"), "1969-12-31T23:59:59");
  EXPECT_EQ(ParsedIso("2000-02-29T00:00"), "2000-02-29T00:00:00");
}

TEST(ParseDateTimeTest, RejectsImpossibleOrMalformedText) {
  for (const char* text : {"13/1/2010 8:26",
                           "2/30/2011 1:00",
                           "2/29/2011 1:00",
                           "12/1/2010 24:00",
                           "12/1/2010 8:60",
                           "12/1/2010 8:26:60",
                           "12/1/2010 8:6",
                           "12/1/2010 8:266",
                           "12/1/2010",
                           "12/1/10 8:26",
                           "12/1/2010  8:26",
                           "12/1/2010 8:26 PM",
                           "12-1-2010 8:26",
                           "2011-1-09 12:50",
                           "2011-12-9 12:50",
                           "2011-12-09",
                           "2011-12-09X12:50",
                           "11-12-09 12:50",
                           "2011-13-09 12:50",
                           "2011-12-09 12:50:",
                           "0/1/2010 8:26",
                           "1/0/2010 8:26",
                           "0000-01-01 00:00",
                           "",
                           "   ",
                           "garbage",
                           "12/1/2010 8:26x"}) {
    Timestamp timestamp = 12'345;
    EXPECT_FALSE(ParseDateTime(text, &timestamp)) << "'" << text << "'";
    EXPECT_EQ(timestamp, 12'345) << "'" << text << "' changed the output";
  }
}

TEST(FormatTest, IsoDateTimeIsZeroPadded) {
  EXPECT_EQ(FormatIsoDateTime(0), "1970-01-01T00:00:00");
  EXPECT_EQ(FormatIsoDateTime(MakeTimestamp({{2011, 1, 8}, 7, 5, 3})),
            "2011-01-08T07:05:03");
  EXPECT_EQ(FormatIsoDate(DaysFromCivil({2011, 1, 8})), "2011-01-08");
  EXPECT_EQ(FormatIsoDate(-1), "1969-12-31");
}

TEST(FormatTest, ExportDateTimeIsUnpaddedAndDropsSeconds) {
  EXPECT_EQ(FormatExportDateTime(MakeTimestamp({{2010, 12, 1}, 8, 26, 45})),
            "12/1/2010 8:26");
  EXPECT_EQ(FormatExportDateTime(MakeTimestamp({{2011, 1, 18}, 10, 1, 0})),
            "1/18/2011 10:01");
  EXPECT_EQ(FormatExportDateTime(MakeTimestamp({{2011, 7, 4}, 0, 0, 0})),
            "7/4/2011 0:00");
}

TEST(FormatTest, ExportFormParsesBack) {
  for (const char* text : {"12/1/2010 8:26", "1/18/2011 10:01", "12/9/2011 12:50"}) {
    Timestamp timestamp = 0;
    ASSERT_TRUE(ParseDateTime(text, &timestamp)) << text;
    EXPECT_EQ(FormatExportDateTime(timestamp), text);
  }
}

TEST(ParseIsoDateTest, AcceptsOnlyYearMonthDay) {
  int64_t days = 0;
  ASSERT_TRUE(ParseIsoDate("2011-12-09", &days));
  EXPECT_EQ(days, 15'317);
  ASSERT_TRUE(ParseIsoDate(" 1969-12-31 ", &days));
  EXPECT_EQ(days, -1);
  for (const char* text : {"2011-12-9", "2011-2-09", "11-12-09", "2011-02-30",
                           "2011-12-09 12:50", "20111209", "2011/12/09", "", "garbage"}) {
    days = 77;
    EXPECT_FALSE(ParseIsoDate(text, &days)) << "'" << text << "'";
    EXPECT_EQ(days, 77);
  }
}

}  // namespace
}  // namespace storepulse
