#include "ingest/chunk_parser.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#include "ingest/cleaning.h"
#include "ingest/csv_record.h"

namespace storepulse::ingest {

namespace {

class ChunkParser {
 public:
  ChunkParser(const ChunkContext& context, ChunkResult* result)
      : context_(context), columns_(*context.columns), result_(result) {}

  void Run(size_t begin, size_t limit, size_t give_up_at) {
    const char* const data_end = context_.data.data() + context_.data.size();
    // Records are read as if the data ended at `give_up_at`; one that reaches it is cut.
    const char* const end =
        context_.data.data() + std::min(give_up_at, context_.data.size());
    const char* p = context_.data.data() + begin;
    const char* const stop = context_.data.data() + limit;
    // Assumes ~70 bytes a row, to avoid regrowing the columns; the quarantine gets room
    // for the whole chunk, of which only what it fills is ever touched.
    const size_t rows = (limit - begin) / 64 + 16;
    builder_.Reserve(rows);
    if (context_.data_owner != nullptr) {
      result_->quarantine.Borrow(context_.data, context_.data_owner);
    }
    result_->quarantine.Reserve(rows, context_.data_owner != nullptr ? 0 : limit - begin);
    while (p < stop) {
      if (const char* next = HandlePlainRecord(p, end)) {
        if (!result_->status.ok()) return;
        p = next;
        continue;
      }
      const ScannedRecord record = scanner_.Scan(p, end);
      if (end < data_end && record.next == end &&
          (record.unterminated_quote || record.end == record.next)) {
        result_->gave_up = true;  // the record goes on past `end`
        return;
      }
      HandleRecord(record);
      if (!result_->status.ok()) return;
      result_->lines += 1 + record.line_breaks;
      p = record.next;
    }
    // A CR at `end` whose LF is past it (the reader never gives up there).
    if (p == end && end < data_end && end[-1] == '\r' && *end == '\n') {
      result_->gave_up = true;
      return;
    }
    result_->end = static_cast<size_t>(p - context_.data.data());
    result_->table = builder_.Finish();
  }

 private:
  // Most records are plain: ASCII, no quote, the header's field count, ended by a line
  // break before the input's last 16 bytes. Such a record is split (SplitUnquotedRecord)
  // and handled here in one pass, its fields' starts kept on the stack (the general
  // scanner fills a vector of field references first, which the handler then reads
  // back). Returns where the next record starts, or null, with nothing consumed, for any
  // other record.
  const char* HandlePlainRecord(const char* p, const char* end) {
#if defined(__SSE2__)
    constexpr uint32_t kMaxPlainFields = 16;
    const uint32_t field_count = columns_.field_count;
    if (field_count > kMaxPlainFields) return nullptr;
    uint32_t starts[kMaxPlainFields + 1];
    uint32_t fields = 1;
    starts[0] = 0;
    const char* const at =
        SplitUnquotedRecord(p, end, /*refuse_high_bytes=*/true, /*high_bytes=*/nullptr,
                            [&](const char* comma) {
                              if (fields == field_count) return false;  // too many fields
                              starts[fields++] = static_cast<uint32_t>(comma + 1 - p);
                              return true;
                            });
    if (at == nullptr || fields != field_count) return nullptr;
    if (at == p) return nullptr;  // a blank line
    const std::string_view raw(p, static_cast<size_t>(at - p));
    starts[fields] = static_cast<uint32_t>(raw.size()) + 1;  // as if a comma followed
    auto field_range = [&](uint32_t field) {
      return std::pair<size_t, size_t>(starts[field], starts[field + 1] - 1);
    };
    ++result_->rows_read;
    for (size_t column = 0; column < kOrderColumnCount; ++column) {
      const auto [begin, stop] = field_range(columns_.field_of[column]);
      const std::string_view value = TrimSpaces(raw.substr(begin, stop - begin));
      if (value.empty()) ++result_->empty_values[column];
      values_[column] = value;
    }
    if (const auto rejection = CleanTrimmedOrderLine(values_, &line_, &cache_)) {
      size_t value_begin = 0;
      size_t value_end = 0;
      if (rejection->column != kWholeRow) {
        std::tie(value_begin, value_end) =
            field_range(columns_.field_of[rejection->column]);
      }
      AddToQuarantine(raw, *rejection, value_begin, value_end, /*ascii_line=*/true);
    } else if (Status appended = builder_.Append(line_); !appended.ok()) {
      result_->status = std::move(appended);
    }
    result_->lines += 1;
    return AfterLineBreak(at, end);
#endif
    (void)p;
    (void)end;
    return nullptr;
  }

  void HandleRecord(const ScannedRecord& record) {
    if (record.blank) {
      ++result_->blank_lines;
      return;
    }
    ++result_->rows_read;
    const auto& fields = scanner_.fields();
    if (record.unterminated_quote) {
      Reject(record, Rejection{QuarantineReason::kUnterminatedQuote, kWholeRow});
      return;
    }
    if (fields.size() != columns_.field_count) {
      Reject(record, Rejection{QuarantineReason::kWrongFieldCount, kWholeRow});
      return;
    }
    const bool convert = record.high_bytes && context_.encoding == TextEncoding::kLatin1;
    if (convert) {
      // Reserved up front so that views into it stay valid while the row is handled.
      converted_.clear();
      converted_.reserve(2 * record.raw().size() + 16);
    }
    OrderFields& values = values_;
    for (size_t column = 0; column < kOrderColumnCount; ++column) {
      std::string_view value = scanner_.Value(record, fields[columns_.field_of[column]]);
      if (convert && HasHighBytes(value)) {
        const size_t at = converted_.size();
        AppendLatin1AsUtf8(value, &converted_);
        value = std::string_view(converted_).substr(at);
      }
      value = TrimSpaces(value);
      if (value.empty()) ++result_->empty_values[column];
      values[column] = value;
    }
    if (const auto rejection = CleanTrimmedOrderLine(values, &line_, &cache_)) {
      Reject(record, *rejection);
      return;
    }
    Status appended = builder_.Append(line_);
    if (!appended.ok()) result_->status = std::move(appended);
  }

  void Reject(const ScannedRecord& record, Rejection rejection) {
    const std::string_view raw = record.raw();
    size_t value_begin = 0;
    size_t value_end = 0;
    if (rejection.column != kWholeRow) {
      const auto& fields = scanner_.fields();
      const uint32_t field = columns_.field_of[rejection.column];
      value_begin = fields[field].raw_offset;
      value_end =
          field + 1 < fields.size() ? fields[field + 1].raw_offset - 1 : raw.size();
    }
    if (record.high_bytes && context_.encoding == TextEncoding::kLatin1) {
      // Offsets move by one for every byte >= 0x80 before them.
      auto shifted = [&](size_t offset) {
        size_t high = 0;
        for (size_t i = 0; i < offset; ++i)
          high += static_cast<unsigned char>(raw[i]) >= 0x80;
        return offset + high;
      };
      value_begin = shifted(value_begin);
      value_end = shifted(value_end);
      raw_utf8_.clear();
      AppendLatin1AsUtf8(raw, &raw_utf8_);
      AddToQuarantine(raw_utf8_, rejection, value_begin, value_end, /*ascii_line=*/false);
      return;
    }
    AddToQuarantine(raw, rejection, value_begin, value_end,
                    !record.high_bytes && record.line_breaks == 0);
  }

  // `raw` is the row (UTF-8); its bytes [value_begin, value_end) are the value at fault.
  void AddToQuarantine(std::string_view raw, Rejection rejection, size_t value_begin,
                       size_t value_end, bool ascii_line) {
    QuarantinedRow row;
    row.ascii_line = ascii_line;
    row.line = result_->lines;  // relative; the reader adds the chunk's first line
    row.reason = rejection.reason;
    row.column = rejection.column;
    row.value_offset = static_cast<uint32_t>(value_begin);
    row.value_length = static_cast<uint32_t>(value_end - value_begin);
    result_->quarantine.Add(row, raw);
  }

  const ChunkContext& context_;
  const ColumnMap& columns_;
  ChunkResult* result_;
  RecordScanner scanner_;
  TableBuilder builder_;
  CleaningCache cache_;
  std::string converted_;
  std::string raw_utf8_;
  // Per-row scratch kept across rows: declared per row, both were zeroed for every row
  // with GCC's `rep stos`, slow to start on this CPU (with the like in CleanOrderLine, a
  // tenth of a batch run's user CPU). Every field is written before it is read.
  OrderFields values_;
  OrderLine line_;
};

}  // namespace

ChunkResult ParseChunk(const ChunkContext& context, size_t begin, size_t limit,
                       size_t give_up_at) {
  ChunkResult result;
  result.end = begin;
  ChunkParser parser(context, &result);
  parser.Run(begin, limit, give_up_at);
  return result;
}

}  // namespace storepulse::ingest
