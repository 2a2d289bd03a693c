// Splits CSV records (RFC 4180, read leniently the way Python's csv module and pandas
// read): a field that starts with a quote runs to the closing quote, "" inside it is one
// quote, and commas and line breaks inside it are data; a quote inside an unquoted field
// is an ordinary character. A record ends at LF or CRLF outside quotes, or at the end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace storepulse::ingest {

// Where a field's value is: bytes of the record, or bytes of the scratch buffer (a
// quoted field whose value differs from its raw text).
struct FieldRef {
  uint32_t offset = 0;  // from the record's first byte, or into scratch
  uint32_t length = 0;
  uint32_t raw_offset = 0;  // where the field's raw text starts in the record
  bool in_scratch = false;
};

struct ScannedRecord {
  const char* begin = nullptr;  // first byte of the record
  const char* end = nullptr;    // one past its last byte, line ending excluded
  const char* next = nullptr;   // first byte of the next record
  uint32_t line_breaks = 0;     // line breaks inside quoted fields
  bool unterminated_quote = false;
  bool blank = false;       // an empty line
  bool high_bytes = false;  // a byte >= 0x80 somewhere in the record

  std::string_view raw() const { return {begin, static_cast<size_t>(end - begin)}; }
};

class RecordScanner {
 public:
  // Scans the record that starts at `p` (< end). Field values are then available
  // through fields() and Value() until the next Scan.
  ScannedRecord Scan(const char* p, const char* end);

  const std::vector<FieldRef>& fields() const { return fields_; }
  std::string_view Value(const ScannedRecord& record, const FieldRef& field) const {
    return field.in_scratch
               ? std::string_view(scratch_.data() + field.offset, field.length)
               : std::string_view(record.begin + field.offset, field.length);
  }

 private:
  // Records without quotes, the common case, split sixteen bytes at a time; false (and
  // nothing consumed) when the record has a quote or nears the end of the input.
  bool ScanUnquoted(const char* p, const char* end, ScannedRecord* record);
  ScannedRecord ScanGeneral(const char* p, const char* end);

  std::vector<FieldRef> fields_;
  std::string scratch_;
};

// 1-based line and column of byte `offset` within a record (UTF-8) that starts on
// `first_line`, counting the line breaks inside it; columns count characters.
struct TextPosition {
  uint64_t line = 0;
  uint32_t column = 0;
};
TextPosition PositionInRecord(std::string_view raw, uint32_t offset, uint64_t first_line);

}  // namespace storepulse::ingest
