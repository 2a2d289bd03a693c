// The cleaning rules: what makes a row a clean sale line. One definition, used by CSV
// ingest and by the stream alike. The prototype's rule is kept: Quantity > 0,
// UnitPrice > 0, a CustomerID, a date that parses; everything else goes to the
// quarantine with the first reason (QuarantineReason's order) it fails.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/table.h"
#include "ingest/order_columns.h"
#include "ingest/quarantine.h"

namespace storepulse::ingest {

struct Rejection {
  QuarantineReason reason;
  uint8_t column = kWholeRow;  // the OrderColumn at fault, or kWholeRow
};

using OrderFields = std::array<std::string_view, kOrderColumnCount>;

// Remembers the last date parsed: the lines of one invoice share their date, so a
// reader of consecutive rows parses each date text once. One per thread.
struct CleaningCache {
  std::string date_text;
  Timestamp timestamp = 0;
  bool valid = false;
};

// Checks one row given its eight field values (UTF-8, in OrderColumn order). On success
// fills *line, whose views point into `fields` (trimmed), and returns nullopt.
std::optional<Rejection> CleanOrderLine(const OrderFields& fields, OrderLine* line,
                                        CleaningCache* cache = nullptr);

// The same for fields already trimmed with TrimSpaces (the CSV reader trims each value
// once, as it counts empty ones).
std::optional<Rejection> CleanTrimmedOrderLine(const OrderFields& trimmed,
                                               OrderLine* line,
                                               CleaningCache* cache = nullptr);

// Field parsers, exposed for the stream's JSON events and for tests.
// An integer in int32 range; "6.0" reads as 6 (exports written through floats).
bool ParseQuantity(std::string_view text, int32_t* quantity);
// A customer id of digits ("17850", or "17850.0" written through a float); *normalised
// is the digits alone, a view into `text`.
bool ParseCustomerId(std::string_view text, std::string_view* normalised);
inline std::string_view TrimSpaces(std::string_view text) {
  // Values seldom have spaces around them: one look at each end settles most.
  // Nearly every byte is above ' ', so one compare an end settles them.
  auto maybe_space = [](char c) { return static_cast<unsigned char>(c) <= ' '; };
  if (text.empty() || (!maybe_space(text.front()) && !maybe_space(text.back())))
    return text;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

}  // namespace storepulse::ingest
