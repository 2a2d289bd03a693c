#include "ingest/quarantine.h"

#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>

#include "core/atomic_file.h"
#include "core/csv_writer.h"

namespace storepulse::ingest {

std::string_view QuarantineReasonName(QuarantineReason reason) {
  switch (reason) {
    case QuarantineReason::kUnterminatedQuote:
      return "unterminated_quote";
    case QuarantineReason::kWrongFieldCount:
      return "wrong_field_count";
    case QuarantineReason::kMissingField:
      return "missing_field";
    case QuarantineReason::kMalformedNumber:
      return "malformed_number";
    case QuarantineReason::kUnparseableDate:
      return "unparseable_date";
    case QuarantineReason::kCancellation:
      return "cancellation";
    case QuarantineReason::kNonPositiveQuantity:
      return "non_positive_quantity";
    case QuarantineReason::kNonPositivePrice:
      return "non_positive_price";
    case QuarantineReason::kMissingCustomer:
      return "missing_customer";
  }
  return "unknown";
}

void Quarantine::Add(QuarantinedRow row, std::string_view raw) {
  row.raw_offset = text_.size();
  row.raw_length = static_cast<uint32_t>(raw.size());
  text_.append(raw);
  rows_.push_back(row);
}

void Quarantine::Reserve(size_t rows, size_t text_bytes) {
  rows_.reserve(rows);
  text_.reserve(text_bytes);
}

void Quarantine::Append(const Quarantine& other, uint64_t line_offset) {
  const uint64_t text_offset = text_.size();
  text_.append(other.text_);
  for (QuarantinedRow row : other.rows_) {
    row.line += line_offset;
    row.raw_offset += text_offset;
    rows_.push_back(row);
  }
}

namespace {

std::string Shorten(std::string_view text, size_t limit = 60) {
  if (text.size() <= limit) return std::string(text);
  return std::string(text.substr(0, limit)) + "...";
}

std::string Detail(QuarantineReason reason, std::string_view value) {
  const std::string shown = Shorten(value);
  switch (reason) {
    case QuarantineReason::kUnterminatedQuote:
      return "a quoted field is not closed before the end of the file";
    case QuarantineReason::kWrongFieldCount:
      return "the row does not have as many fields as the header";
    case QuarantineReason::kMissingField:
      return "the field is empty";
    case QuarantineReason::kMalformedNumber:
      return fmt::format("'{}' is not a number in range", shown);
    case QuarantineReason::kUnparseableDate:
      return fmt::format("'{}' is not a date (M/D/YYYY H:MM or YYYY-MM-DD HH:MM[:SS])", shown);
    case QuarantineReason::kCancellation:
      return fmt::format("invoice '{}' is a cancellation", shown);
    case QuarantineReason::kNonPositiveQuantity:
      return fmt::format("quantity '{}' is not positive", shown);
    case QuarantineReason::kNonPositivePrice:
      return fmt::format("unit price '{}' is not positive", shown);
    case QuarantineReason::kMissingCustomer:
      return "no CustomerID";
  }
  return "";
}

}  // namespace

TextPosition Quarantine::Position(size_t i) const {
  const QuarantinedRow& r = rows_[i];
  if (r.column == kWholeRow) return TextPosition{r.line, 0};
  return PositionInRecord(raw(i), r.value_offset, r.line);
}

std::string Quarantine::Describe(size_t i) const {
  const QuarantinedRow& r = rows_[i];
  const std::string detail = Detail(r.reason, value(i));
  if (r.column == kWholeRow) {
    return fmt::format("line {}: {}: {}", r.line, QuarantineReasonName(r.reason), detail);
  }
  const TextPosition position = Position(i);
  return fmt::format("line {}, column {} ({}): {}: {}", position.line, position.column,
                     OrderColumnName(static_cast<OrderColumn>(r.column)),
                     QuarantineReasonName(r.reason), detail);
}

std::array<uint64_t, kQuarantineReasonCount> Quarantine::CountByReason() const {
  std::array<uint64_t, kQuarantineReasonCount> counts{};
  for (const QuarantinedRow& row : rows_) ++counts[static_cast<size_t>(row.reason)];
  return counts;
}

uint64_t Quarantine::CountDuplicateRows() const {
  absl::flat_hash_set<std::string_view> seen;
  seen.reserve(rows_.size());
  uint64_t duplicates = 0;
  for (size_t i = 0; i < rows_.size(); ++i) duplicates += !seen.insert(raw(i)).second;
  return duplicates;
}

Status Quarantine::WriteCsv(const std::string& path, std::string_view source) const {
  std::string text = "source,line,column,field,reason,detail,raw_row\n";
  text.reserve(text_.size() + rows_.size() * 96);
  for (size_t i = 0; i < rows_.size(); ++i) {
    const QuarantinedRow& r = rows_[i];
    AppendCsvField(source, &text);
    const TextPosition position = Position(i);
    text += fmt::format(",{},{},", position.line, position.column);
    if (r.column != kWholeRow) text += OrderColumnName(static_cast<OrderColumn>(r.column));
    text.push_back(',');
    text += QuarantineReasonName(r.reason);
    text.push_back(',');
    AppendCsvField(Detail(r.reason, value(i)), &text);
    text.push_back(',');
    AppendCsvField(raw(i), &text);
    text.push_back('\n');
  }
  return WriteFileAtomically(path, text);
}

}  // namespace storepulse::ingest
