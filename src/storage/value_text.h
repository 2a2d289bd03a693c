// The text form of stored values, shared by both backends: what SQLite stores for dates
// and timestamps and prints money columns as, what PostgreSQL's COPY receives, and what
// PostgreSQL prints back (NUMERIC(20,4), DATE and TIMESTAMP under DateStyle ISO, shortest
// round-trip floats). One definition keeps Query() results identical across backends.
#pragma once

#include <cstdint>
#include <string>

#include "core/civil_time.h"
#include "core/money.h"
#include "storage/value.h"

namespace storepulse::storage {

// Appends "-1234.5600": Money units with exactly four decimals.
void AppendMoneyText(Money amount, std::string* out);
// Appends "2011-12-09".
void AppendDateText(int64_t days, std::string* out);
// Appends "2011-12-09 12:50:00".
void AppendTimestampText(Timestamp timestamp, std::string* out);
// Appends the shortest text that reads back as the same double ("0.1", "1e+20").
void AppendRealText(double value, std::string* out);

// The text of a non-NULL value in the forms above (integers in decimal, text as is).
// REQUIRES: !IsNull(value).
void AppendValueText(const Value& value, std::string* out);

inline std::string MoneyText(Money amount) {
  std::string text;
  AppendMoneyText(amount, &text);
  return text;
}

}  // namespace storepulse::storage
