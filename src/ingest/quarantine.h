// The quarantine: every row that did not become a clean order line, with where it was,
// why, and its raw text, so that nothing read is ever lost.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/atomic_file.h"
#include "core/status.h"
#include "ingest/csv_record.h"
#include "ingest/order_columns.h"

namespace storepulse::ingest {

// Why a row was rejected. A row that fails several rules is counted once, under the
// first reason in this order: rows that cannot be read come first (their values are
// unknown), then the business rules of the prototype's cleaning, most specific first.
enum class QuarantineReason : uint8_t {
  kUnterminatedQuote = 0,  // a quoted field never closed before the end of the file
  kWrongFieldCount,        // not as many fields as the header
  kMissingField,         // empty InvoiceNo, StockCode, Quantity, InvoiceDate or UnitPrice
  kMalformedNumber,      // Quantity, UnitPrice or CustomerID is not a number in range
  kUnparseableDate,      // InvoiceDate is neither M/D/YYYY H:MM nor ISO 8601
  kCancellation,         // InvoiceNo starts with C
  kNonPositiveQuantity,  // Quantity <= 0 (returns and stock adjustments)
  kNonPositivePrice,     // UnitPrice <= 0 (free items, bad-debt adjustments)
  kMissingCustomer,      // no CustomerID
};
inline constexpr size_t kQuarantineReasonCount = 9;

// "cancellation", "non_positive_quantity", ...
std::string_view QuarantineReasonName(QuarantineReason reason);

struct QuarantinedRow {
  uint64_t line = 0;  // 1-based line where the row starts
  QuarantineReason reason = QuarantineReason::kWrongFieldCount;
  uint8_t column = kWholeRow;  // an OrderColumn, or kWholeRow
  bool borrowed = false;       // raw text in the borrowed input, not the own copy
  // The raw text is ASCII on one line, so a value's column is its byte offset + 1
  // (known while parsing; saves a scan of the row per quarantined row written).
  bool ascii_line = false;
  uint32_t raw_length = 0;
  uint64_t raw_offset = 0;    // into the quarantine's text, or the borrowed input
  uint32_t value_offset = 0;  // the offending field's raw text, within the row's text
  uint32_t value_length = 0;
};

// Rows are kept in segments (one per parsed chunk) that Append moves in rather than
// copies, so that gathering the chunks of a 100 M-row file costs no second copy of the
// quarantine; indexing finds a row's segment by binary search.
class Quarantine {
 public:
  // Room for `rows` rows of `text_bytes` raw text in the last segment, so that Add does
  // not regrow (copy and touch again) what it filled. Unused room is address space only.
  void Reserve(size_t rows, size_t text_bytes);
  // Adds a row; `raw` is its UTF-8 text without the line ending. Copied, unless it lies
  // in the input borrowed for the rows being added.
  void Add(QuarantinedRow row, std::string_view raw);
  // Rows added from now on whose raw text lies in `input` keep a view of it instead of a
  // copy; `owner` keeps `input` alive as long as this quarantine, or the one it is
  // appended to. A resident input file is already in memory: copying a third of its
  // rows only to write them out again cost time and memory (11.3 MB of the real export).
  void Borrow(std::string_view input, std::shared_ptr<const void> owner);
  // Moves `other`'s rows in after this one's, adding `line_offset` to their lines.
  void Append(Quarantine&& other, uint64_t line_offset);
  // Bytes of raw text copied in (borrowed text not counted).
  size_t text_bytes() const;

  size_t size() const { return first_row_.back(); }
  bool empty() const { return size() == 0; }
  const QuarantinedRow& row(size_t i) const {
    const auto [segment, at] = Locate(i);
    return segment->rows[at];
  }
  std::string_view raw(size_t i) const {
    const auto [segment, at] = Locate(i);
    return segment->Raw(at);
  }
  std::string_view value(size_t i) const {
    const QuarantinedRow& r = row(i);
    return raw(i).substr(r.value_offset, r.value_length);
  }
  // Line and column (in characters, 1-based) where the offending field starts; the
  // row's line and column 0 when the whole row is at fault.
  TextPosition Position(size_t i) const;
  // Why row i was rejected, without its place: "quantity '-6' is not positive".
  std::string Detail(size_t i) const;
  // "line 12, column 27 (Quantity): non_positive_quantity: quantity '-6' is not
  // positive", for people and logs.
  std::string Describe(size_t i) const;
  // Every copy after the first of a row whose raw text repeats exactly.
  uint64_t CountDuplicateRows() const;
  // Rows per reason, indexed by QuarantineReason.
  std::array<uint64_t, kQuarantineReasonCount> CountByReason() const;

  // CSV with columns source,line,column,field,reason,detail,raw_row — UTF-8, RFC 4180.
  // Written to a temporary file and renamed into place, so a reader never sees half;
  // formatted in parallel blocks with a bounded number in memory at once. `replaced`:
  // what becomes of the file it replaces (see AtomicFile).
  Status WriteCsv(const std::string& path, std::string_view source,
                  AtomicFile::Replaced replaced = AtomicFile::Replaced::kFreed) const;

 private:
  struct Segment {
    std::vector<QuarantinedRow> rows;
    uint64_t raw_bytes = 0;  // of its rows' raw text, borrowed or copied
    std::string text;
    std::string_view borrowed;  // the input rows may keep views of
    std::string_view Raw(size_t at) const {
      const QuarantinedRow& row = rows[at];
      const char* base = row.borrowed ? borrowed.data() : text.data();
      return std::string_view(base + row.raw_offset, row.raw_length);
    }
  };
  std::pair<const Segment*, size_t> Locate(size_t i) const;
  // The segment rows are added to, made when there is none.
  Segment& LastSegment();
  struct CsvBlock;  // quarantine.cc
  void AppendCsvRows(size_t begin, size_t end, std::string_view row_prefix,
                     CsvBlock* block) const;

  std::vector<Segment> segments_;
  std::vector<std::shared_ptr<const void>> owners_;  // of the borrowed inputs
  std::vector<size_t> first_row_ = {0};  // segment k holds rows [first_row_[k], [k+1])
};

}  // namespace storepulse::ingest
