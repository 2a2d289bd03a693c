#include "core/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace storepulse {
namespace {

// Parses `text`, expecting success; returns the units.
int64_t Units(std::string_view text) {
  Money money = Money::FromUnits(-999'999);
  EXPECT_EQ(ParseMoney(text, &money), DecimalParse::kOk) << "'" << text << "'";
  return money.units();
}

DecimalParse Parse(std::string_view text) {
  Money money;
  return ParseMoney(text, &money);
}

std::string Text(WideInt cents) { return FormatCents(cents); }

TEST(ParseMoneyTest, PlainDecimals) {
  EXPECT_EQ(Units("2.55"), 25'500);
  EXPECT_EQ(Units("0.85"), 8'500);
  EXPECT_EQ(Units("38970"), 389'700'000);
  EXPECT_EQ(Units("0"), 0);
}

TEST(ParseMoneyTest, SignedValues) {
  EXPECT_EQ(Units("-11062.06"), -110'620'600);
  EXPECT_EQ(Units("+3."), 30'000);
  EXPECT_EQ(Units("-.5"), -5'000);
  EXPECT_EQ(Units("-0"), 0);
}

TEST(ParseMoneyTest, LeadingDotAndWholeNumbers) {
  EXPECT_EQ(Units(".5"), 5'000);
  EXPECT_EQ(Units("25"), 250'000);
  EXPECT_EQ(Units("25."), 250'000);
}

TEST(ParseMoneyTest, ThreeAndFourDecimalsAreExact) {
  EXPECT_EQ(Units("0.001"), 10);
  EXPECT_EQ(Units("1.125"), 11'250);
  EXPECT_EQ(Units("1.2345"), 12'345);
  EXPECT_EQ(Units("0.0001"), 1);
}

TEST(ParseMoneyTest, FifthDecimalMustBeZero) {
  EXPECT_EQ(Units("1.23450"), 12'345);
  EXPECT_EQ(Units("1.2345000000"), 12'345);
  EXPECT_EQ(Parse("1.23451"), DecimalParse::kTooPrecise);
  EXPECT_EQ(Parse("0.00001"), DecimalParse::kTooPrecise);
  EXPECT_EQ(Parse("1.234500001"), DecimalParse::kTooPrecise);
}

TEST(ParseMoneyTest, SurroundingSpacesAreIgnored) {
  EXPECT_EQ(Units("  2.55 "), 25'500);
  EXPECT_EQ(Parse("2. 55"), DecimalParse::kMalformed);
}

TEST(ParseMoneyTest, EmptyAndBlankAreEmpty) {
  EXPECT_EQ(Parse(""), DecimalParse::kEmpty);
  EXPECT_EQ(Parse("   "), DecimalParse::kEmpty);
}

TEST(ParseMoneyTest, GarbageIsMalformed) {
  for (const char* text : {"abc", "2.55GBP", "£2.55", "1,5", "1.2.3", "--1", "+-1", "1-",
                           ".", "+", "-", "0x10", "2,55", "\t2.55", "NaN", "inf"}) {
    EXPECT_EQ(Parse(text), DecimalParse::kMalformed) << "'" << text << "'";
  }
}

TEST(ParseMoneyTest, ExponentIsMalformed) {
  EXPECT_EQ(Parse("1e5"), DecimalParse::kMalformed);
  EXPECT_EQ(Parse("2.5E-3"), DecimalParse::kMalformed);
}

TEST(ParseMoneyTest, LimitIsInclusiveAndBeyondIsOutOfRange) {
  // kMaxAbsMoneyUnits is £100,000,000,000.
  EXPECT_EQ(Units("100000000000"), kMaxAbsMoneyUnits);
  EXPECT_EQ(Units("-100000000000.0000"), -kMaxAbsMoneyUnits);
  EXPECT_EQ(Parse("100000000000.0001"), DecimalParse::kOutOfRange);
  EXPECT_EQ(Parse("100000000001"), DecimalParse::kOutOfRange);
  EXPECT_EQ(Parse("-100000000001"), DecimalParse::kOutOfRange);
  // Far more digits than any integer type holds must not wrap around into range.
  EXPECT_EQ(Parse("99999999999999999999999999999999"), DecimalParse::kOutOfRange);
  EXPECT_EQ(Parse("18446744073709551616"), DecimalParse::kOutOfRange);
}

TEST(ParseMoneyTest, FailureLeavesOutputUntouched) {
  Money money = Money::FromUnits(42);
  EXPECT_NE(ParseMoney("abc", &money), DecimalParse::kOk);
  EXPECT_NE(ParseMoney("1.00001", &money), DecimalParse::kOk);
  EXPECT_NE(ParseMoney("", &money), DecimalParse::kOk);
  EXPECT_NE(ParseMoney("999999999999", &money), DecimalParse::kOk);
  EXPECT_EQ(money.units(), 42);
}

TEST(MoneyTest, RoundedCentsRoundsHalfAwayFromZero) {
  EXPECT_EQ(Money::FromUnits(50).RoundedCents(), 1);   // 0.005 -> 0.01
  EXPECT_EQ(Money::FromUnits(49).RoundedCents(), 0);   // 0.0049 -> 0.00
  EXPECT_EQ(Money::FromUnits(150).RoundedCents(), 2);  // 0.015 -> 0.02
  EXPECT_EQ(Money::FromUnits(250).RoundedCents(), 3);  // 0.025 -> 0.03, not banker's 0.02
  EXPECT_EQ(Money::FromUnits(-50).RoundedCents(), -1);   // -0.005 -> -0.01
  EXPECT_EQ(Money::FromUnits(-49).RoundedCents(), 0);    // -0.0049 -> 0.00
  EXPECT_EQ(Money::FromUnits(-250).RoundedCents(), -3);  // -0.025 -> -0.03
  EXPECT_EQ(Money::FromUnits(25'500).RoundedCents(), 255);
}

TEST(MoneyTest, ToStringRoundsToPennies) {
  EXPECT_EQ(Money::FromUnits(12'345).ToString(), "1.23");
  EXPECT_EQ(Money::FromUnits(12'350).ToString(), "1.24");
  EXPECT_EQ(Money::FromUnits(-12'350).ToString(), "-1.24");
  EXPECT_EQ(Money::FromCents(-5).ToString(), "-0.05");
}

TEST(MoneyTest, ArithmeticAndComparisonAreExact) {
  const Money price = Money::FromCents(255);
  EXPECT_EQ(price.units(), 25'500);
  EXPECT_EQ((price + Money::FromUnits(10)).units(), 25'510);
  EXPECT_EQ((price - Money::FromCents(300)).units(), -4'500);
  Money total;
  total += price;
  total += price;
  EXPECT_EQ(total, Money::FromCents(510));
  EXPECT_LT(Money::FromUnits(-1), Money());
}

TEST(RoundedDivideTest, HalvesRoundAwayFromZero) {
  EXPECT_EQ(RoundedDivide(5, 2), 3);
  EXPECT_EQ(RoundedDivide(-5, 2), -3);
  EXPECT_EQ(RoundedDivide(7, 2), 4);
  EXPECT_EQ(RoundedDivide(-7, 2), -4);
  EXPECT_EQ(RoundedDivide(149, 100), 1);
  EXPECT_EQ(RoundedDivide(-149, 100), -1);
  EXPECT_EQ(RoundedDivide(150, 100), 2);
  EXPECT_EQ(RoundedDivide(-150, 100), -2);
}

TEST(RoundedDivideTest, NonHalvesRoundToNearest) {
  EXPECT_EQ(RoundedDivide(4, 3), 1);
  EXPECT_EQ(RoundedDivide(5, 3), 2);
  EXPECT_EQ(RoundedDivide(-4, 3), -1);
  EXPECT_EQ(RoundedDivide(-5, 3), -2);
  EXPECT_EQ(RoundedDivide(0, 7), 0);
  EXPECT_EQ(RoundedDivide(12, 4), 3);
  EXPECT_EQ(RoundedDivide(-12, 4), -3);
}

TEST(RoundedDivideTest, WorksBeyondSixtyFourBits) {
  const WideInt big = static_cast<WideInt>(1) << 100;
  EXPECT_EQ(RoundedDivide(big + 1, 2), (big >> 1) + 1);  // x.5 rounds up
  EXPECT_EQ(RoundedDivide(-(big + 1), 2), -((big >> 1) + 1));
}

TEST(MeanCentsTest, RoundsTheExactRatioOnce) {
  // Two lines of £0.004: the exact mean is £0.004, which is 0 pennies. Rounding the sum
  // first (£0.008 -> 1p) and then halving (0.5p -> 1p) would give 1 penny.
  MoneySum total;
  total.Add(Money::FromUnits(40));
  total.Add(Money::FromUnits(40));
  EXPECT_EQ(total.RoundedCents(), 1);
  EXPECT_EQ(MeanCents(total, 2), 0);
}

TEST(MeanCentsTest, ThirdsAndHalves) {
  EXPECT_EQ(MeanCents(MoneySum(Money::FromCents(1000).units()), 3), 333);  // 333.33p
  EXPECT_EQ(MeanCents(MoneySum(Money::FromCents(2000).units()), 3), 667);  // 666.67p
  EXPECT_EQ(MeanCents(MoneySum(Money::FromCents(1).units()), 2), 1);       // 0.5p
  EXPECT_EQ(MeanCents(MoneySum(Money::FromCents(-1).units()), 2), -1);     // -0.5p
  EXPECT_EQ(MeanCents(MoneySum(-150), 1), -2);                             // -1.5p
}

TEST(MeanCentsTest, ZeroCountGivesZero) {
  EXPECT_EQ(MeanCents(MoneySum(12'345), 0), 0);
  EXPECT_EQ(MeanCents(MoneySum(12'345), -3), 0);
}

TEST(FormatCentsTest, TwoDecimalsNoSeparators) {
  EXPECT_EQ(Text(0), "0.00");
  EXPECT_EQ(Text(5), "0.05");
  EXPECT_EQ(Text(100), "1.00");
  EXPECT_EQ(Text(255), "2.55");
  EXPECT_EQ(Text(123'456'789), "1234567.89");
  EXPECT_EQ(Text(-5), "-0.05");
  EXPECT_EQ(Text(-1'106'206), "-11062.06");
}

TEST(FormatCentsTest, WideValues) {
  WideInt cents = 1;
  for (int i = 0; i < 22; ++i) cents *= 10;  // 10^22 pennies, past 64 bits
  EXPECT_EQ(Text(cents + 7), "100000000000000000000.07");
  EXPECT_EQ(Text(-(cents + 7)), "-100000000000000000000.07");
}

TEST(FormatCentsForDisplayTest, PoundSignAndThousandsSeparators) {
  EXPECT_EQ(FormatCentsForDisplay(0), "£0.00");
  EXPECT_EQ(FormatCentsForDisplay(99'999), "£999.99");
  EXPECT_EQ(FormatCentsForDisplay(100'000), "£1,000.00");
  EXPECT_EQ(FormatCentsForDisplay(123'456'789), "£1,234,567.89");
  EXPECT_EQ(FormatCentsForDisplay(891'140'790), "£8,911,407.90");
  EXPECT_EQ(FormatCentsForDisplay(100'000'000'000), "£1,000,000,000.00");
}

TEST(FormatCentsForDisplayTest, NegativeSignComesBeforeTheSymbol) {
  EXPECT_EQ(FormatCentsForDisplay(-123'456), "-£1,234.56");
  EXPECT_EQ(FormatCentsForDisplay(-7), "-£0.07");
}

TEST(FormatCentsForDisplayTest, OtherSymbols) {
  EXPECT_EQ(FormatCentsForDisplay(123'456, "$"), "$1,234.56");
  EXPECT_EQ(FormatCentsForDisplay(123'456, ""), "1,234.56");
}

TEST(MoneySumTest, MillionLinesOfTenPenceSumExactly) {
  // 0.1 has no exact binary form: a double sum of a million of them is not 100,000.
  MoneySum sum;
  double float_sum = 0;
  Money ten_pence;
  ASSERT_EQ(ParseMoney("0.1", &ten_pence), DecimalParse::kOk);
  for (int line = 0; line < 1'000'000; ++line) {
    sum.Add(ten_pence);
    float_sum += 0.1;
  }
  EXPECT_NE(float_sum, 100'000.0);
  EXPECT_EQ(sum.units(), static_cast<WideInt>(1'000'000'000));
  EXPECT_EQ(sum.RoundedCents(), static_cast<WideInt>(10'000'000));
  EXPECT_EQ(sum.ToString(), "100000.00");
  EXPECT_EQ(sum.ToJsonNumber(), 100'000.0);
}

TEST(MoneySumTest, MergeEqualsOneSum) {
  MoneySum all;
  MoneySum left;
  MoneySum right;
  for (int64_t units = -500; units <= 1'000; units += 7) {
    all.Add(Money::FromUnits(units));
    (units % 2 == 0 ? left : right).Add(Money::FromUnits(units));
  }
  left.Merge(right);
  EXPECT_EQ(left, all);
  EXPECT_NE(all.units(), 0);
}

TEST(MoneySumTest, HoldsSumsPastSixtyFourBits) {
  MoneySum sum;
  for (int line = 0; line < 100'000; ++line) sum.Add(Money::FromUnits(kMaxAbsMoneyUnits));
  const WideInt expected = static_cast<WideInt>(kMaxAbsMoneyUnits) * 100'000;  // 10^20
  EXPECT_EQ(sum.units(), expected);
  EXPECT_GT(sum.units(), static_cast<WideInt>(INT64_MAX));
  EXPECT_EQ(sum.ToString(), "10000000000000000.00");
}

TEST(MoneySumTest, AddUnitsAndNegativeTotals) {
  MoneySum sum;
  sum.AddUnits(-110'620'600);
  sum.Add(Money::FromCents(6));
  EXPECT_EQ(sum.ToString(), "-11062.00");
  EXPECT_EQ(sum.ToJsonNumber(), -11062.0);
}

TEST(CentsToJsonNumberTest, GivesTheNearestDoubleToTwoDecimals) {
  EXPECT_EQ(CentsToJsonNumber(255), 2.55);
  EXPECT_EQ(CentsToJsonNumber(-1'106'206), -11062.06);
  EXPECT_EQ(CentsToJsonNumber(891'140'790), 8911407.90);
}

}  // namespace
}  // namespace storepulse
