#include "storage/sqlite_money.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "storage/schema.h"
#include "storage/value_text.h"

namespace storepulse::storage {

int BindSqliteMoney(sqlite3_stmt* statement, int index, Money amount) {
  const int64_t units = amount.units();
  if (units % Money::kUnitsPerCurrency == 0) {
    return sqlite3_bind_int64(statement, index, units / Money::kUnitsPerCurrency);
  }
  // Both operands are exact doubles (|units| < 2^53) and IEEE division rounds once: the
  // result is the double nearest the decimal amount, as parsing its text would give.
  return sqlite3_bind_double(
      statement, index,
      static_cast<double>(units) / static_cast<double>(Money::kUnitsPerCurrency));
}

Status SqliteMoneyOutOfRange(Money amount, std::string_view where) {
  return Status::InvalidArgument(fmt::format(
      "{}: {} is beyond what the SQLite warehouse stores exactly (whole amounts, or less "
      "than {} in magnitude); use PostgreSQL for such amounts",
      where, MoneyText(amount), kSqliteMoneyLimitUnits / Money::kUnitsPerCurrency));
}

bool IsSqliteMoneyColumn(sqlite3_stmt* statement, int column) {
  const char* declared = sqlite3_column_decltype(statement, column);
  return declared != nullptr && std::string_view(declared) == kSqliteDialect.money;
}

bool AppendSqliteMoneyText(sqlite3_stmt* statement, int column, std::string* out) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER: {
      const int64_t whole = sqlite3_column_int64(statement, column);
      // Whole amounts are written as integers at any size; only overflow is refused.
      constexpr int64_t kLimit = INT64_MAX / Money::kUnitsPerCurrency;
      if (whole < -kLimit || whole > kLimit) return false;
      AppendMoneyText(Money::FromUnits(whole * Money::kUnitsPerCurrency), out);
      return true;
    }
    case SQLITE_FLOAT: {
      const double number = sqlite3_column_double(statement, column);
      constexpr double kLimit = kSqliteMoneyLimitUnits / Money::kUnitsPerCurrency;
      if (!(std::fabs(number) < kLimit)) return false;
      // Below 2^38 the stored double is within 2^-16 of the amount and the product is
      // off by at most 0.25 more: rounding gives back the exact units.
      AppendMoneyText(Money::FromUnits(std::llround(
                          number * static_cast<double>(Money::kUnitsPerCurrency))),
                      out);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace storepulse::storage
