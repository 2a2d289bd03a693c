// How the SQLite warehouse holds money: as a number (columns of NUMERIC(20,4) affinity,
// REAL or, when whole, INTEGER), so that ORDER BY, min/max, comparisons and BI tools
// treat it as one. (Text, which version 1 stored, sorted '9.99' above '184349.28'.)
// A double holds every amount below 2^38 (274,877,906,944) in magnitude exactly enough
// to give back its 1/10,000s: the number written is the double nearest the amount, and
// reading rounds to four decimals. Larger amounts are refused, never rounded;
// PostgreSQL's NUMERIC(20,4) has no such limit. Internal to storage/.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/money.h"
#include "core/status.h"

namespace storepulse::storage {

inline constexpr int64_t kSqliteMoneyLimitUnits =
    (int64_t{1} << 38) * Money::kUnitsPerCurrency;

// Whether `amount` is within the range stored exactly.
inline bool SqliteHoldsMoneyExactly(Money amount) {
  return amount.units() > -kSqliteMoneyLimitUnits &&
         amount.units() < kSqliteMoneyLimitUnits;
}
// The number stored for `amount`. REQUIRES: SqliteHoldsMoneyExactly(amount).
inline double SqliteMoneyNumber(Money amount) {
  // Both operands are exact doubles (|units| < 2^53) and IEEE division rounds once: the
  // result is the double nearest the decimal amount, as parsing its text would give.
  return static_cast<double>(amount.units()) /
         static_cast<double>(Money::kUnitsPerCurrency);
}
// The InvalidArgument for an amount beyond the range, naming `where` (table, row,
// column).
Status SqliteMoneyOutOfRange(Money amount, std::string_view where);

// The amount a stored number stands for.
Money MoneyFromSqliteNumber(double number);

// Whether result column `column` of `statement` is a money column of the schema (its
// declared type is the dialect's money type); expressions have no declared type.
bool IsSqliteMoneyColumn(sqlite3_stmt* statement, int column);

// When result column `column` of `statement` holds a number: appends the four-decimal
// text of the amount it stands for (as both backends print money, value_text.h) and
// returns true. False for NULL, text and numbers beyond the limit.
bool AppendSqliteMoneyText(sqlite3_stmt* statement, int column, std::string* out);

}  // namespace storepulse::storage
