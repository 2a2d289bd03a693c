// How the SQLite warehouse holds money: as a number (columns of NUMERIC(20,4) affinity),
// so that ORDER BY, min/max, comparisons and BI tools treat it as one. (Text, which
// versions 1 and 2 stored, sorted '9.99' above '184349.28'.) Whole amounts are stored as
// integers, exact at any size; the others as the double nearest the amount, which gives
// back its 1/10,000s exactly (reading rounds to four decimals) below 2^38
// (274,877,906,944) in magnitude. A fractional amount beyond that is refused, never
// rounded; PostgreSQL's NUMERIC(20,4) has no such limit. Internal to storage/.
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

// Whether `amount` is stored exactly.
inline bool SqliteHoldsMoneyExactly(Money amount) {
  return amount.units() % Money::kUnitsPerCurrency == 0 ||
         (amount.units() > -kSqliteMoneyLimitUnits &&
          amount.units() < kSqliteMoneyLimitUnits);
}

// Binds `amount` to parameter `index` and returns SQLite's result code.
// REQUIRES: SqliteHoldsMoneyExactly(amount).
int BindSqliteMoney(sqlite3_stmt* statement, int index, Money amount);

// The InvalidArgument for an amount SQLite cannot hold exactly, naming `where` (table,
// row, column).
Status SqliteMoneyOutOfRange(Money amount, std::string_view where);

// Whether result column `column` of `statement` is a money column of the schema (its
// declared type is the dialect's money type); expressions have no declared type.
bool IsSqliteMoneyColumn(sqlite3_stmt* statement, int column);

// When result column `column` of `statement` holds a number this warehouse could have
// written: appends the four-decimal text of the amount (as both backends print money,
// value_text.h) and returns true. False for NULL, text and other numbers.
bool AppendSqliteMoneyText(sqlite3_stmt* statement, int column, std::string* out);

}  // namespace storepulse::storage
