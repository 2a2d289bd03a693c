// Exact money. Amounts are integers of 1/10,000 of the currency unit (the export has
// prices with up to three decimals, such as 0.001); nothing is ever summed as a float.
// Values are rounded, half away from zero, only when turned into pennies for display.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace storepulse {

using WideInt = __int128;

class Money {
 public:
  static constexpr int64_t kUnitsPerCurrency = 10'000;
  static constexpr int64_t kUnitsPerCent = 100;
  static constexpr int kDecimals = 4;

  constexpr Money() = default;
  static constexpr Money FromUnits(int64_t units) { return Money(units); }
  static constexpr Money FromCents(int64_t cents) { return Money(cents * kUnitsPerCent); }

  constexpr int64_t units() const { return units_; }
  // Whole pennies, rounded half away from zero.
  int64_t RoundedCents() const;
  // "1234.57" (two decimals, rounded).
  std::string ToString() const;

  constexpr Money operator+(Money other) const { return Money(units_ + other.units_); }
  constexpr Money operator-(Money other) const { return Money(units_ - other.units_); }
  constexpr Money& operator+=(Money other) {
    units_ += other.units_;
    return *this;
  }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(int64_t units) : units_(units) {}
  int64_t units_ = 0;
};

// A sum of many amounts, wide enough that no realistic or adversarial input overflows it
// (each line is bounded at ingest; 2^127 units is far beyond any sum of them).
class MoneySum {
 public:
  constexpr MoneySum() = default;
  constexpr explicit MoneySum(WideInt units) : units_(units) {}

  constexpr void Add(Money amount) { units_ += amount.units(); }
  constexpr void AddUnits(WideInt units) { units_ += units; }
  constexpr void Merge(const MoneySum& other) { units_ += other.units_; }

  constexpr WideInt units() const { return units_; }
  WideInt RoundedCents() const;
  // Pennies as a double for JSON: exact for any sum below 2^53 pennies.
  double ToJsonNumber() const;
  std::string ToString() const;
  constexpr auto operator<=>(const MoneySum&) const = default;

 private:
  WideInt units_ = 0;
};

// numerator / denominator rounded half away from zero. REQUIRES: denominator > 0.
WideInt RoundedDivide(WideInt numerator, WideInt denominator);

// The exact mean of `total` over `count` items in pennies, rounded half away from zero
// (0 when count is 0). Rounding once, from the exact ratio, keeps averages exact to the
// penny where rounding the sum first would not.
WideInt MeanCents(const MoneySum& total, int64_t count);

// "-1234.57": pennies with two decimals, no separators.
std::string FormatCents(WideInt cents);
// "£1,234.57": a currency symbol and thousands separators, for people.
std::string FormatCentsForDisplay(WideInt cents, std::string_view symbol = "£");
// Pennies as a JSON number with at most two decimals.
double CentsToJsonNumber(WideInt cents);

enum class DecimalParse {
  kOk,
  kEmpty,
  kMalformed,   // not a plain decimal number
  kTooPrecise,  // non-zero digits past the fourth decimal
  kOutOfRange,  // more than kMaxAbsUnits
};

// Largest absolute amount accepted as a price: about £100 billion.
inline constexpr int64_t kMaxAbsMoneyUnits = 1'000'000'000'000'000;

// Parses "2.55", "-11062.06", "25", ".5", "+3.", with optional surrounding spaces.
DecimalParse ParseMoney(std::string_view text, Money* out);

}  // namespace storepulse
