// libFuzzer target for the cleaning rules. Each input line is split at its first seven
// commas into the eight order fields (missing ones are empty) and cleaned, once with the
// date cache the CSV reader uses and once without; a clean line must obey every rule.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/civil_time.h"
#include "core/money.h"
#include "ingest/cleaning.h"

namespace {

using storepulse::OrderLine;
using storepulse::ingest::CleaningCache;
using storepulse::ingest::CleanOrderLine;
using storepulse::ingest::kOrderColumnCount;
using storepulse::ingest::kQuarantineReasonCount;
using storepulse::ingest::kWholeRow;
using storepulse::ingest::OrderFields;
using storepulse::ingest::Rejection;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

bool Within(std::string_view part, std::string_view whole) {
  return part.empty() || (part.data() >= whole.data() &&
                          part.data() + part.size() <= whole.data() + whole.size());
}

void CheckLine(std::string_view text, CleaningCache* cache) {
  OrderFields fields{};
  size_t column = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size() && column + 1 < kOrderColumnCount; ++i) {
    if (text[i] == ',') {
      fields[column++] = text.substr(start, i - start);
      start = i + 1;
    }
  }
  fields[column] = text.substr(start);

  OrderLine cached_line;
  OrderLine plain_line;
  const std::optional<Rejection> cached = CleanOrderLine(fields, &cached_line, cache);
  const std::optional<Rejection> plain = CleanOrderLine(fields, &plain_line);
  Check(cached.has_value() == plain.has_value());
  if (plain) {
    Check(cached->reason == plain->reason && cached->column == plain->column);
    Check(static_cast<size_t>(plain->reason) < kQuarantineReasonCount);
    Check(plain->column == kWholeRow || plain->column < kOrderColumnCount);
    return;
  }
  Check(cached_line.timestamp == plain_line.timestamp);
  // The prototype's rule: Quantity > 0, UnitPrice > 0, a CustomerID, not a cancellation.
  Check(plain_line.quantity > 0);
  Check(plain_line.unit_price.units() > 0);
  Check(plain_line.unit_price.units() <= storepulse::kMaxAbsMoneyUnits);
  Check(!plain_line.customer.empty() && !plain_line.invoice.empty() &&
        !plain_line.stock_code.empty());
  Check(plain_line.invoice.front() != 'C' && plain_line.invoice.front() != 'c');
  for (char c : plain_line.customer) Check(c >= '0' && c <= '9');
  int64_t revenue = 0;
  Check(!__builtin_mul_overflow(static_cast<int64_t>(plain_line.quantity),
                                plain_line.unit_price.units(), &revenue));
  // Views point into the input.
  Check(Within(plain_line.invoice, text) && Within(plain_line.stock_code, text) &&
        Within(plain_line.description, text) && Within(plain_line.customer, text) &&
        Within(plain_line.country, text));
  // The timestamp is a real date that formats and parses back to itself.
  storepulse::Timestamp again = 0;
  Check(storepulse::ParseDateTime(storepulse::FormatIsoDateTime(plain_line.timestamp),
                                  &again));
  Check(again == plain_line.timestamp);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // One cache across the lines, as a chunk of the CSV reader holds one.
  CleaningCache cache;
  size_t start = 0;
  while (start <= input.size()) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    CheckLine(input.substr(start, end - start), &cache);
    start = end + 1;
  }
  return 0;
}
