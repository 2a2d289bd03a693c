// Splits CSV records (RFC 4180, read leniently the way Python's csv module and pandas
// read): a field that starts with a quote runs to the closing quote, "" inside it is one
// quote, and commas and line breaks inside it are data; a quote inside an unquoted field
// is an ordinary character. A record ends at a line break outside quotes — LF, CRLF, or
// a CR alone (classic Mac OS files, and a stray CR inside a line, as both read it) — or
// at the end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace storepulse::ingest {

// Where the record after the one ended by the line break at `at` starts (a CR and the
// LF after it are one line break).
inline const char* AfterLineBreak(const char* at, const char* end) {
  return at + 1 + (*at == '\r' && at + 1 < end && at[1] == '\n');
}

#if defined(__SSE2__)
// Splits the record that starts at `p` when no quote comes before its line break:
// sixteen bytes at a time, from masks of commas, line breaks and quotes (no branch per
// character kind). Calls on_comma(position) for each comma before the line break, in
// order; false from it abandons the record. Returns the line break (a CR or LF; see
// AfterLineBreak), or null when a quote comes first, when a byte >= 0x80 comes first and
// `refuse_high_bytes`, when on_comma abandons, or when fewer than 16 bytes remain before
// a line break is found. *high_bytes (when not null) says whether a byte >= 0x80 comes
// before the line break.
template <typename OnComma>
inline const char* SplitUnquotedRecord(const char* p, const char* end,
                                       bool refuse_high_bytes, bool* high_bytes,
                                       OnComma&& on_comma) {
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i line_feed = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  unsigned high = 0;
  for (const char* block_start = p; end - block_start >= 16; block_start += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block_start));
    const auto mask_of = [&](__m128i byte) {
      return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, byte)));
    };
    const unsigned line_breaks = mask_of(line_feed) | mask_of(carriage_return);
    // Bits before the block's first line break (all 16 when there is none).
    const unsigned before = line_breaks != 0 ? (line_breaks & -line_breaks) - 1 : 0xFFFFu;
    const unsigned block_high = static_cast<unsigned>(_mm_movemask_epi8(block)) & before;
    if ((mask_of(quote) & before) != 0 || (refuse_high_bytes && block_high != 0)) {
      return nullptr;
    }
    high |= block_high;
    for (unsigned commas = mask_of(comma) & before; commas != 0; commas &= commas - 1) {
      if (!on_comma(block_start + __builtin_ctz(commas))) return nullptr;
    }
    if (line_breaks != 0) {
      if (high_bytes != nullptr) *high_bytes = high != 0;
      return block_start + __builtin_ctz(line_breaks);
    }
  }
  return nullptr;
}
#endif

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
