#include "ingest/quarantine.h"

#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>

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

std::string DetailOf(QuarantineReason reason, std::string_view value) {
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
      return fmt::format("'{}' is not a date (M/D/YYYY H:MM or YYYY-MM-DD HH:MM[:SS])",
                         shown);
    case QuarantineReason::kCancellation:
      return "invoice '" + shown + "' is a cancellation";
    case QuarantineReason::kNonPositiveQuantity:
      return "quantity '" + shown + "' is not positive";
    case QuarantineReason::kNonPositivePrice:
      return "unit price '" + shown + "' is not positive";
    case QuarantineReason::kMissingCustomer:
      return "no CustomerID";
  }
  return "";
}

}  // namespace

std::string Quarantine::Detail(size_t i) const {
  return DetailOf(rows_[i].reason, value(i));
}

TextPosition Quarantine::Position(size_t i) const {
  const QuarantinedRow& r = rows_[i];
  if (r.column == kWholeRow) return TextPosition{r.line, 0};
  return PositionInRecord(raw(i), r.value_offset, r.line);
}

std::string Quarantine::Describe(size_t i) const {
  const QuarantinedRow& r = rows_[i];
  const std::string detail = Detail(i);
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

void Quarantine::AppendCsvRows(size_t begin, size_t end, std::string_view source,
                               std::string* text) const {
  std::string quoted_source;
  AppendCsvField(source, &quoted_source);
  for (size_t i = begin; i < end; ++i) {
    const QuarantinedRow& r = rows_[i];
    const TextPosition position = Position(i);
    text->append(quoted_source);
    text->push_back(',');
    text->append(std::to_string(position.line));
    text->push_back(',');
    text->append(std::to_string(position.column));
    text->push_back(',');
    if (r.column != kWholeRow)
      text->append(OrderColumnName(static_cast<OrderColumn>(r.column)));
    text->push_back(',');
    text->append(QuarantineReasonName(r.reason));
    text->push_back(',');
    AppendCsvField(Detail(i), text);
    text->push_back(',');
    AppendCsvField(raw(i), text);
    text->push_back('\n');
  }
}

Status Quarantine::WriteCsv(const std::string& path, std::string_view source) const {
  // Blocks of rows are formatted in parallel, then written in order.
  constexpr size_t kBlockRows = 16384;
  const size_t blocks = (rows_.size() + kBlockRows - 1) / kBlockRows;
  std::vector<std::string> texts(blocks);
  tbb::parallel_for(size_t{0}, blocks, [&](size_t block) {
    const size_t begin = block * kBlockRows;
    const size_t end = std::min(rows_.size(), begin + kBlockRows);
    texts[block].reserve((end - begin) * 160);
    AppendCsvRows(begin, end, source, &texts[block]);
  });
  AtomicFile file;
  SP_RETURN_IF_ERROR(file.Open(path));
  SP_RETURN_IF_ERROR(file.Append("source,line,column,field,reason,detail,raw_row\n"));
  for (const std::string& text : texts) SP_RETURN_IF_ERROR(file.Append(text));
  return file.Commit();
}

}  // namespace storepulse::ingest
