#include "core/money.h"

#include <cstdlib>

#include "core/number_format.h"

namespace storepulse {

WideInt RoundedDivide(WideInt numerator, WideInt denominator) {
  const bool negative = numerator < 0;
  WideInt magnitude = negative ? -numerator : numerator;
  WideInt quotient = (magnitude + denominator / 2) / denominator;
  return negative ? -quotient : quotient;
}

int64_t Money::RoundedCents() const {
  return static_cast<int64_t>(RoundedDivide(units_, kUnitsPerCent));
}

std::string Money::ToString() const { return FormatCents(RoundedCents()); }

WideInt MoneySum::RoundedCents() const {
  return RoundedDivide(units_, Money::kUnitsPerCent);
}

double MoneySum::ToJsonNumber() const { return CentsToJsonNumber(RoundedCents()); }

std::string MoneySum::ToString() const { return FormatCents(RoundedCents()); }

WideInt MeanCents(const MoneySum& total, int64_t count) {
  if (count <= 0) return 0;
  return RoundedDivide(total.units(), static_cast<WideInt>(count) * Money::kUnitsPerCent);
}

namespace {

std::string WideToDigits(WideInt magnitude) {
  if (magnitude == 0) return "0";
  std::string digits;
  while (magnitude > 0) {
    digits.insert(digits.begin(),
                  static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  return digits;
}

std::string Format(WideInt cents, bool thousands, std::string_view symbol) {
  const bool negative = cents < 0;
  const WideInt magnitude = negative ? -cents : cents;
  std::string whole = WideToDigits(magnitude / 100);
  if (thousands) whole = GroupThousands(whole);
  const int fraction = static_cast<int>(magnitude % 100);
  std::string text;
  if (negative) text.push_back('-');
  text.append(symbol);
  text += whole;
  text.push_back('.');
  text.push_back(static_cast<char>('0' + fraction / 10));
  text.push_back(static_cast<char>('0' + fraction % 10));
  return text;
}

}  // namespace

std::string FormatCents(WideInt cents) { return Format(cents, false, ""); }

std::string FormatCentsForDisplay(WideInt cents, std::string_view symbol) {
  return Format(cents, true, symbol);
}

double CentsToJsonNumber(WideInt cents) {
  // Dividing an exact integer by 100 gives the double nearest the two-decimal value,
  // which JSON writers print as that value.
  return static_cast<double>(cents) / 100.0;
}

namespace {

inline bool IsDigit(char c) { return static_cast<unsigned char>(c - '0') <= 9; }

// The amounts an export holds, unsigned and unpadded with at most four decimals
// ("2.55", "12", "0.165"), read in one pass: the general parser's trimming, sign and
// per-digit range checks were ~120 instructions a price, run for every order line.
// Returns false, having set nothing, for anything else, which the general parser reads.
inline bool ParsePlainAmount(std::string_view text, Money* out) {
  constexpr size_t kMaxChars = 15;  // 15 digits cannot overflow below
  if (text.empty() || text.size() > kMaxChars || !IsDigit(text.front())) return false;
  const char* p = text.data();
  const char* const end = p + text.size();
  uint64_t whole = 0;
  for (; p < end && IsDigit(*p); ++p)
    whole = whole * 10 + static_cast<uint64_t>(*p - '0');
  uint64_t fraction = 0;
  int decimals = 0;
  if (p < end && *p == '.') {
    for (++p; p < end && IsDigit(*p) && decimals < Money::kDecimals; ++p, ++decimals)
      fraction = fraction * 10 + static_cast<uint64_t>(*p - '0');
  }
  if (p != end) return false;
  static_assert(Money::kDecimals == 4 && Money::kUnitsPerCurrency == 10'000);
  static constexpr uint64_t kFractionScale[] = {10'000, 1'000, 100, 10, 1};
  constexpr uint64_t kMax = kMaxAbsMoneyUnits;
  if (whole > kMax / Money::kUnitsPerCurrency) return false;
  const uint64_t units =
      whole * Money::kUnitsPerCurrency + fraction * kFractionScale[decimals];
  if (units > kMax) return false;
  *out = Money::FromUnits(static_cast<int64_t>(units));
  return true;
}

}  // namespace

DecimalParse ParseMoney(std::string_view text, Money* out) {
  if (ParsePlainAmount(text, out)) return DecimalParse::kOk;
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && text[begin] == ' ') ++begin;
  while (end > begin && text[end - 1] == ' ') --end;
  if (begin == end) return DecimalParse::kEmpty;

  bool negative = false;
  if (text[begin] == '-' || text[begin] == '+') {
    negative = text[begin] == '-';
    ++begin;
  }
  int64_t units = 0;
  int whole_digits = 0;
  int fraction_digits = 0;
  size_t pos = begin;
  for (; pos < end && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
    if (units > kMaxAbsMoneyUnits) return DecimalParse::kOutOfRange;
    units = units * 10 + (text[pos] - '0');
    ++whole_digits;
  }
  if (units > kMaxAbsMoneyUnits / Money::kUnitsPerCurrency)
    return DecimalParse::kOutOfRange;
  units *= Money::kUnitsPerCurrency;
  if (pos < end && text[pos] == '.') {
    ++pos;
    int64_t scale = Money::kUnitsPerCurrency / 10;
    for (; pos < end && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      const int digit = text[pos] - '0';
      if (fraction_digits < Money::kDecimals) {
        units += digit * scale;
        scale /= 10;
      } else if (digit != 0) {
        return DecimalParse::kTooPrecise;
      }
      ++fraction_digits;
    }
  }
  if (pos != end || whole_digits + fraction_digits == 0) return DecimalParse::kMalformed;
  if (units > kMaxAbsMoneyUnits) return DecimalParse::kOutOfRange;
  *out = Money::FromUnits(negative ? -units : units);
  return DecimalParse::kOk;
}

}  // namespace storepulse
