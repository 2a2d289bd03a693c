// The values a warehouse stores: one typed cell of a metric row, and the column types of
// the schema. Both backends store and return the same text for each type (see
// value_text.h), so a query gives identical rows from SQLite and PostgreSQL.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/civil_time.h"
#include "core/money.h"

namespace storepulse::storage {

// The type of a schema column, and how each backend stores it. Money is exact in both:
//   type        PostgreSQL          SQLite (declared type, storage class)
//   kInteger    BIGINT              INTEGER, integer
//   kReal       DOUBLE PRECISION    REAL, real
//   kText       TEXT                TEXT, text (UTF-8)
//   kMoney      NUMERIC(20,4)       NUMERIC(20,4), real (integer when whole)
//   kDate       DATE                DATE, text "2011-12-09"
//   kTimestamp  TIMESTAMP           DATETIME, text "2011-12-09 12:50:00" (naive, civil)
// SQLite holds money as a number so that it sorts, compares and charts as one: whole
// amounts as integers, the others as the nearest double, which gives back their
// 1/10,000s exactly below 2^38 in magnitude (larger ones are refused: sqlite_money.h).
// Both backends' Query print a money column with four decimals ("-1234.5600").
enum class ColumnType { kInteger, kReal, kText, kMoney, kDate, kTimestamp };

std::string_view ColumnTypeName(ColumnType type);  // "integer", "money", ...

// A civil date: days since 1970-01-01 (core/civil_time.h).
struct Date {
  int64_t days = 0;
  bool operator==(const Date&) const = default;
};

// A naive civil date-time: seconds since 1970-01-01 00:00:00 (core/civil_time.h).
struct DateTime {
  Timestamp seconds = 0;
  bool operator==(const DateTime&) const = default;
};

// One cell. std::monostate is SQL NULL. A value fits a column of the matching type:
// int64_t → kInteger, double → kReal (an int64_t is accepted there too), std::string →
// kText, Money → kMoney, Date → kDate, DateTime → kTimestamp.
using Value =
    std::variant<std::monostate, int64_t, double, std::string, Money, Date, DateTime>;

inline bool IsNull(const Value& value) {
  return std::holds_alternative<std::monostate>(value);
}

// Whether `value` may be stored in a column of `type` (NULL aside: see schema.h).
bool FitsColumn(const Value& value, ColumnType type);

// "NULL", "integer", "real", "text", "money", "date" or "timestamp": for error messages.
std::string_view ValueKindName(const Value& value);

}  // namespace storepulse::storage
