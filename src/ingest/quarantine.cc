#include "ingest/quarantine.h"

#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstring>
#include <memory>

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
  segment.raw_bytes += raw.size();
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

// Appends why a row with `value` at fault was rejected, to a buffer kept across rows:
// quarantine.csv has a detail for each of its rows (144 k on the real export).
void AppendDetail(QuarantineReason reason, std::string_view value, std::string* out) {
  constexpr size_t kShownChars = 60;
  auto shown = [&] {
    out->append(value.substr(0, kShownChars));
    if (value.size() > kShownChars) out->append("...");
  };
  switch (reason) {
    case QuarantineReason::kUnterminatedQuote:
      out->append("a quoted field is not closed before the end of the file");
      return;
    case QuarantineReason::kWrongFieldCount:
      out->append("the row does not have as many fields as the header");
      return;
    case QuarantineReason::kMissingField:
      out->append("the field is empty");
      return;
    case QuarantineReason::kMalformedNumber:
      out->append("'");
      shown();
      out->append("' is not a number in range");
      return;
    case QuarantineReason::kUnparseableDate:
      out->append("'");
      shown();
      out->append("' is not a date (M/D/YYYY H:MM or YYYY-MM-DD HH:MM[:SS])");
      return;
    case QuarantineReason::kCancellation:
      out->append("invoice '");
      shown();
      out->append("' is a cancellation");
      return;
    case QuarantineReason::kNonPositiveQuantity:
      out->append("quantity '");
      shown();
      out->append("' is not positive");
      return;
    case QuarantineReason::kNonPositivePrice:
      out->append("unit price '");
      shown();
      out->append("' is not positive");
      return;
    case QuarantineReason::kMissingCustomer:
      out->append("no CustomerID");
      return;
  }
}

std::string_view ValueOf(const QuarantinedRow& row, std::string_view raw) {
  return raw.substr(row.value_offset, row.value_length);
}

std::string DetailOf(const QuarantinedRow& row, std::string_view raw) {
  std::string detail;
  AppendDetail(row.reason, ValueOf(row, raw), &detail);
  return detail;
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

// CSV text written through a cursor into room made first (see WriteCsvField).
struct Quarantine::CsvBlock {
  std::unique_ptr<char[]> bytes;
  size_t size = 0;
  size_t capacity = 0;

  // Where `room` more bytes may be written; they count once Advance says how many were.
  char* Room(size_t room) {
    if (size + room > capacity) {
      const size_t grown = std::max(size + room, 2 * capacity);
      auto larger = std::make_unique_for_overwrite<char[]>(grown);
      if (size > 0) std::memcpy(larger.get(), bytes.get(), size);
      bytes = std::move(larger);
      capacity = grown;
    }
    return bytes.get() + size;
  }
  void Advance(const char* end) { size = static_cast<size_t>(end - bytes.get()); }
  std::string_view text() const { return std::string_view(bytes.get(), size); }
};

void Quarantine::AppendCsvRows(size_t begin, size_t end, std::string_view row_prefix,
                               CsvBlock* block) const {
  constexpr size_t kNumberChars = 20;  // a uint64_t in decimal
  constexpr size_t kNameChars = 32;    // a column's or a reason's name
  auto copy = [](std::string_view text, char* out) {
    if (text.empty()) return out;  // a whole row's field name: its data() is null
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
  };
  std::string detail;
  auto [segment, at] = Locate(begin);
  for (size_t i = begin; i < end; ++i, ++at) {
    if (at == segment->rows.size()) {
      ++segment;
      at = 0;
    }
    const QuarantinedRow& r = segment->rows[at];
    const std::string_view raw = segment->Raw(at);
    const TextPosition position = PositionOf(r, raw);
    detail.clear();
    AppendDetail(r.reason, ValueOf(r, raw), &detail);
    const std::string_view field =
        r.column == kWholeRow ? std::string_view()
                              : OrderColumnName(static_cast<OrderColumn>(r.column));
    const std::string_view reason = QuarantineReasonName(r.reason);
    assert(field.size() <= kNameChars && reason.size() <= kNameChars);
    char* out = block->Room(row_prefix.size() + 2 * kNumberChars + 2 * kNameChars +
                            CsvFieldBound(detail.size()) + CsvFieldBound(raw.size()) + 8);
    out = copy(row_prefix, out);
    out = std::to_chars(out, out + kNumberChars, position.line).ptr;
    *out++ = ',';
    out = std::to_chars(out, out + kNumberChars, position.column).ptr;
    *out++ = ',';
    out = copy(field, out);
    *out++ = ',';
    out = copy(reason, out);
    *out++ = ',';
    out = WriteCsvField(detail, out);
    *out++ = ',';
    out = WriteCsvField(raw, out);
    *out++ = '\n';
    block->Advance(out);
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
  constexpr std::string_view kHeader = "source,line,column,field,reason,detail,raw_row\n";
  AtomicFile file;
  SP_RETURN_IF_ERROR(file.Open(path, replaced));
  // About what the rows take: each its source, its raw text and some 60 bytes of place,
  // reason and detail (53-81 on the real export, 56 on average). Room reserved but not
  // written is given back at the commit; rows that take more are allocated as written.
  size_t estimate = kHeader.size();
  for (const Segment& segment : segments_) {
    estimate += segment.rows.size() * (row_prefix.size() + 64) + segment.raw_bytes;
  }
  file.Preallocate(estimate);
  Status status = file.Append(kHeader);
  tbb::concurrent_queue<CsvBlock> spare_blocks;
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
          tbb::make_filter<size_t, CsvBlock>(
              tbb::filter_mode::parallel,
              [&](size_t block) {
                const size_t begin = block * kBlockRows;
                const size_t end = std::min(size(), begin + kBlockRows);
                CsvBlock text;
                if (spare_blocks.try_pop(text)) {
                  text.size = 0;
                } else {
                  text.Room((end - begin) * 192);
                }
                AppendCsvRows(begin, end, row_prefix, &text);
                return text;
              }) &
          tbb::make_filter<CsvBlock, void>(tbb::filter_mode::serial_in_order,
                                           [&](CsvBlock text) {
                                             if (status.ok())
                                               status = file.Append(text.text());
                                             spare_blocks.push(std::move(text));
                                           }));
  SP_RETURN_IF_ERROR(status);
  return file.Commit();
}

}  // namespace storepulse::ingest
