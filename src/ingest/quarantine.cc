#include "ingest/quarantine.h"

#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <algorithm>
#include <cassert>
#include <charconv>

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

Quarantine::Segment& Quarantine::LastSegment() {
  if (segments_.empty()) {
    segments_.emplace_back();
    first_row_.push_back(0);
  }
  return segments_.back();
}

void Quarantine::Reserve(size_t rows, size_t text_bytes) {
  Segment& segment = LastSegment();
  segment.rows.reserve(rows);
  segment.text.reserve(text_bytes);
}

void Quarantine::Add(QuarantinedRow row, std::string_view raw) {
  Segment& segment = LastSegment();
  row.raw_length = static_cast<uint32_t>(raw.size());
  const auto at = reinterpret_cast<uintptr_t>(raw.data());
  const auto input = reinterpret_cast<uintptr_t>(segment.borrowed.data());
  row.borrowed = segment.borrowed.data() != nullptr && at >= input &&
                 at + raw.size() <= input + segment.borrowed.size();
  if (row.borrowed) {
    row.raw_offset = at - input;
  } else {
    row.raw_offset = segment.text.size();
    segment.text.append(raw);
  }
  segment.rows.push_back(row);
  ++first_row_.back();
}

void Quarantine::Borrow(std::string_view input, std::shared_ptr<const void> owner) {
  Segment& segment = LastSegment();
  if (!segment.rows.empty() && segment.borrowed.data() != input.data()) {
    // The segment's rows already refer to another input: start a new segment.
    segments_.emplace_back();
    first_row_.push_back(first_row_.back());
  }
  segments_.back().borrowed = input;
  owners_.push_back(std::move(owner));
}

void Quarantine::Append(Quarantine&& other, uint64_t line_offset) {
  for (Segment& segment : other.segments_) {
    if (segment.rows.empty()) continue;
    for (QuarantinedRow& row : segment.rows) row.line += line_offset;
    first_row_.push_back(first_row_.back() + segment.rows.size());
    segments_.push_back(std::move(segment));
  }
  for (auto& owner : other.owners_) owners_.push_back(std::move(owner));
  other = Quarantine();
}

size_t Quarantine::text_bytes() const {
  size_t bytes = 0;
  for (const Segment& segment : segments_) bytes += segment.text.size();
  return bytes;
}

std::pair<const Quarantine::Segment*, size_t> Quarantine::Locate(size_t i) const {
  assert(i < size());
  const size_t k =
      static_cast<size_t>(std::upper_bound(first_row_.begin(), first_row_.end(), i) -
                          first_row_.begin()) -
      1;
  return {&segments_[k], i - first_row_[k]};
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

std::string DetailOf(const QuarantinedRow& row, std::string_view raw) {
  return DetailOf(row.reason, raw.substr(row.value_offset, row.value_length));
}

TextPosition PositionOf(const QuarantinedRow& row, std::string_view raw) {
  if (row.column == kWholeRow) return TextPosition{row.line, 0};
  if (row.ascii_line) return TextPosition{row.line, row.value_offset + 1};
  return PositionInRecord(raw, row.value_offset, row.line);
}

}  // namespace

std::string Quarantine::Detail(size_t i) const { return DetailOf(row(i), raw(i)); }

TextPosition Quarantine::Position(size_t i) const { return PositionOf(row(i), raw(i)); }

std::string Quarantine::Describe(size_t i) const {
  const QuarantinedRow& r = row(i);
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
  for (const Segment& segment : segments_) {
    for (const QuarantinedRow& row : segment.rows)
      ++counts[static_cast<size_t>(row.reason)];
  }
  return counts;
}

uint64_t Quarantine::CountDuplicateRows() const {
  absl::flat_hash_set<std::string_view> seen;
  seen.reserve(size());
  uint64_t duplicates = 0;
  for (const Segment& segment : segments_) {
    for (size_t at = 0; at < segment.rows.size(); ++at) {
      duplicates += !seen.insert(segment.Raw(at)).second;
    }
  }
  return duplicates;
}

void Quarantine::AppendCsvRows(size_t begin, size_t end, std::string_view row_prefix,
                               std::string* text) const {
  auto append_number = [text](uint64_t value) {
    char digits[20];
    const auto done = std::to_chars(digits, digits + sizeof digits, value);
    text->append(digits, done.ptr);
  };
  auto [segment, at] = Locate(begin);
  for (size_t i = begin; i < end; ++i, ++at) {
    if (at == segment->rows.size()) {
      ++segment;
      at = 0;
    }
    const QuarantinedRow& r = segment->rows[at];
    const std::string_view raw = segment->Raw(at);
    const TextPosition position = PositionOf(r, raw);
    text->append(row_prefix);
    append_number(position.line);
    text->push_back(',');
    append_number(position.column);
    text->push_back(',');
    if (r.column != kWholeRow)
      text->append(OrderColumnName(static_cast<OrderColumn>(r.column)));
    text->push_back(',');
    text->append(QuarantineReasonName(r.reason));
    text->push_back(',');
    AppendCsvField(DetailOf(r, raw), text);
    text->push_back(',');
    AppendCsvField(raw, text);
    text->push_back('\n');
  }
}

Status Quarantine::WriteCsv(const std::string& path, std::string_view source,
                            AtomicFile::Replaced replaced) const {
  // Blocks of rows are formatted in parallel and written in order, with at most
  // kBlocksInFlight blocks in memory: a 25 M-row quarantine is 4 GB of CSV. A written
  // block's buffer is formatted into again, so its pages are touched once, not per block.
  constexpr size_t kBlockRows = 16384;
  constexpr size_t kBlocksInFlight = 8;
  const size_t blocks = (size() + kBlockRows - 1) / kBlockRows;
  std::string row_prefix;
  AppendCsvField(source, &row_prefix);
  row_prefix.push_back(',');
  AtomicFile file;
  SP_RETURN_IF_ERROR(file.Open(path, replaced));
  Status status = file.Append("source,line,column,field,reason,detail,raw_row\n");
  tbb::concurrent_queue<std::string> spare_buffers;
  size_t next_block = 0;
  tbb::parallel_pipeline(
      kBlocksInFlight,
      tbb::make_filter<void, size_t>(tbb::filter_mode::serial_in_order,
                                     [&](tbb::flow_control& control) -> size_t {
                                       if (next_block == blocks || !status.ok()) {
                                         control.stop();
                                         return 0;
                                       }
                                       return next_block++;
                                     }) &
          tbb::make_filter<size_t, std::string>(
              tbb::filter_mode::parallel,
              [&](size_t block) {
                const size_t begin = block * kBlockRows;
                const size_t end = std::min(size(), begin + kBlockRows);
                std::string text;
                if (spare_buffers.try_pop(text)) {
                  text.clear();
                } else {
                  text.reserve((end - begin) * 192);
                }
                AppendCsvRows(begin, end, row_prefix, &text);
                return text;
              }) &
          tbb::make_filter<std::string, void>(tbb::filter_mode::serial_in_order,
                                              [&](std::string text) {
                                                if (status.ok())
                                                  status = file.Append(text);
                                                spare_buffers.push(std::move(text));
                                              }));
  SP_RETURN_IF_ERROR(status);
  return file.Commit();
}

}  // namespace storepulse::ingest
