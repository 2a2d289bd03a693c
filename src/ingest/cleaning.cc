#include "ingest/cleaning.h"

#include <limits>

#include "core/short_strings.h"

namespace storepulse::ingest {

namespace {

inline bool IsDigit(char c) { return static_cast<unsigned char>(c - '0') <= 9; }

// Whether what follows an integer's digits is nothing or a fraction of zeros only (".0",
// ".00": integers written through a float).
bool IsZeroFraction(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest.front() != '.') return false;
  for (size_t i = 1; i < rest.size(); ++i) {
    if (rest[i] != '0') return false;
  }
  return true;
}

// The length of the run of digits that starts `text`, then whether what follows is a
// zero fraction or nothing. One pass, no library calls: these run for every row.
bool SplitIntegerDigits(std::string_view text, size_t* digits) {
  size_t i = 0;
  while (i < text.size() && IsDigit(text[i])) ++i;
  *digits = i;
  return i > 0 && IsZeroFraction(text.substr(i));
}

bool ParseDateCached(std::string_view text, Timestamp* timestamp, CleaningCache* cache) {
  if (cache == nullptr) return ParseDateTime(text, timestamp);
  if (cache->valid && SameBytes(text, cache->date_text)) {
    *timestamp = cache->timestamp;
    return true;
  }
  if (!ParseDateTime(text, timestamp)) return false;
  cache->date_text.assign(text);
  cache->timestamp = *timestamp;
  cache->valid = true;
  return true;
}

// ParseQuantity and ParseCustomerId of a value already trimmed (the reader's are).
bool ParseTrimmedQuantity(std::string_view text, int32_t* quantity) {
  constexpr size_t kMaxDigits = 10;
  const char* p = text.data();
  const char* const end = p + text.size();
  bool negative = false;
  if (p < end && (*p == '-' || *p == '+')) {
    negative = *p == '-';
    ++p;
  }
  // The digits read as they are found (one pass: every row has a quantity), then a
  // zero fraction or nothing, as SplitIntegerDigits.
  const char* const digits = p;
  int64_t value = 0;
  for (; p < end && IsDigit(*p); ++p) {
    if (static_cast<size_t>(p - digits) == kMaxDigits) return false;
    value = value * 10 + (*p - '0');
  }
  if (p == digits || !IsZeroFraction(std::string_view(p, static_cast<size_t>(end - p))))
    return false;
  if (value > std::numeric_limits<int32_t>::max()) return false;
  *quantity = static_cast<int32_t>(negative ? -value : value);
  return true;
}

bool ParseTrimmedCustomerId(std::string_view text, std::string_view* normalised) {
  size_t digits = 0;
  if (!SplitIntegerDigits(text, &digits) || digits > 18) return false;
  *normalised = text.substr(0, digits);
  return true;
}

}  // namespace

bool ParseQuantity(std::string_view text, int32_t* quantity) {
  return ParseTrimmedQuantity(TrimSpaces(text), quantity);
}

bool ParseCustomerId(std::string_view text, std::string_view* normalised) {
  return ParseTrimmedCustomerId(TrimSpaces(text), normalised);
}

std::optional<Rejection> CleanOrderLine(const OrderFields& fields, OrderLine* line,
                                        CleaningCache* cache) {
  // A copy trimmed in place: a default-constructed array would be zeroed first (GCC
  // emits `rep stos`, which showed as a third of this function's time).
  OrderFields trimmed = fields;
  for (std::string_view& field : trimmed) field = TrimSpaces(field);
  return CleanTrimmedOrderLine(trimmed, line, cache);
}

std::optional<Rejection> CleanTrimmedOrderLine(const OrderFields& trimmed,
                                               OrderLine* line, CleaningCache* cache) {
  auto column_of = [](OrderColumn column) { return static_cast<uint8_t>(column); };
  auto field = [&](OrderColumn column) { return trimmed[static_cast<size_t>(column)]; };
  const std::string_view invoice = field(OrderColumn::kInvoice);
  const std::string_view stock_code = field(OrderColumn::kStockCode);
  const std::string_view quantity_text = field(OrderColumn::kQuantity);
  const std::string_view date_text = field(OrderColumn::kInvoiceDate);
  const std::string_view price_text = field(OrderColumn::kUnitPrice);
  const std::string_view customer_text = field(OrderColumn::kCustomer);

  for (OrderColumn required :
       {OrderColumn::kInvoice, OrderColumn::kStockCode, OrderColumn::kQuantity,
        OrderColumn::kInvoiceDate, OrderColumn::kUnitPrice}) {
    if (field(required).empty()) {
      return Rejection{QuarantineReason::kMissingField, column_of(required)};
    }
  }
  int32_t quantity = 0;
  if (!ParseTrimmedQuantity(quantity_text, &quantity)) {
    return Rejection{QuarantineReason::kMalformedNumber,
                     column_of(OrderColumn::kQuantity)};
  }
  Money unit_price;
  if (ParseMoney(price_text, &unit_price) != DecimalParse::kOk) {
    return Rejection{QuarantineReason::kMalformedNumber,
                     column_of(OrderColumn::kUnitPrice)};
  }
  // quantity × price must fit a Money so that every later sum is exact.
  int64_t line_revenue = 0;
  if (__builtin_mul_overflow(static_cast<int64_t>(quantity), unit_price.units(),
                             &line_revenue)) {
    return Rejection{QuarantineReason::kMalformedNumber,
                     column_of(OrderColumn::kUnitPrice)};
  }
  std::string_view customer;
  if (!customer_text.empty() && !ParseTrimmedCustomerId(customer_text, &customer)) {
    return Rejection{QuarantineReason::kMalformedNumber,
                     column_of(OrderColumn::kCustomer)};
  }
  Timestamp timestamp = 0;
  if (!ParseDateCached(date_text, &timestamp, cache)) {
    return Rejection{QuarantineReason::kUnparseableDate,
                     column_of(OrderColumn::kInvoiceDate)};
  }
  if (invoice.front() == 'C' || invoice.front() == 'c') {
    return Rejection{QuarantineReason::kCancellation, column_of(OrderColumn::kInvoice)};
  }
  if (quantity <= 0) {
    return Rejection{QuarantineReason::kNonPositiveQuantity,
                     column_of(OrderColumn::kQuantity)};
  }
  if (unit_price.units() <= 0) {
    return Rejection{QuarantineReason::kNonPositivePrice,
                     column_of(OrderColumn::kUnitPrice)};
  }
  if (customer.empty()) {
    return Rejection{QuarantineReason::kMissingCustomer,
                     column_of(OrderColumn::kCustomer)};
  }
  line->invoice = invoice;
  line->stock_code = stock_code;
  line->description = field(OrderColumn::kDescription);
  line->quantity = quantity;
  line->timestamp = timestamp;
  line->unit_price = unit_price;
  line->customer = customer;
  line->country = field(OrderColumn::kCountry);
  return std::nullopt;
}

}  // namespace storepulse::ingest
