#include "storage/sqlite_money.h"

#include <fmt/format.h>

#include <cmath>

#include "storage/schema.h"
#include "storage/value_text.h"

namespace storepulse::storage {

Status SqliteMoneyOutOfRange(Money amount, std::string_view where) {
  return Status::InvalidArgument(fmt::format(
      "{}: {} is beyond what the SQLite warehouse stores exactly (less than {} in "
      "magnitude); use PostgreSQL for such amounts",
      where, MoneyText(amount), kSqliteMoneyLimitUnits / Money::kUnitsPerCurrency));
}

Money MoneyFromSqliteNumber(double number) {
  // Below 2^38 the stored double is within 2^-16 of the amount and the product below is
  // off by at most 0.25 more: rounding gives back the exact units.
  return Money::FromUnits(
      std::llround(number * static_cast<double>(Money::kUnitsPerCurrency)));
}

bool IsSqliteMoneyColumn(sqlite3_stmt* statement, int column) {
  const char* declared = sqlite3_column_decltype(statement, column);
  return declared != nullptr && std::string_view(declared) == kSqliteDialect.money;
}

bool AppendSqliteMoneyText(sqlite3_stmt* statement, int column, std::string* out) {
  const int type = sqlite3_column_type(statement, column);
  if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) return false;
  const double number = sqlite3_column_double(statement, column);
  // Every amount this warehouse writes is below the limit; a bigger number (written by
  // another program) is left to the caller to print as SQLite holds it.
  constexpr double kLimit = kSqliteMoneyLimitUnits / Money::kUnitsPerCurrency;
  if (!(std::fabs(number) < kLimit)) return false;
  AppendMoneyText(MoneyFromSqliteNumber(number), out);
  return true;
}

}  // namespace storepulse::storage
