#include "ingest/csv_record.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace storepulse::ingest {

namespace {

// The end of unquoted text starting at `pos`: a comma, LF or CR. ORs every byte passed
// into *any_byte.
inline const char* FindUnquotedEndScalar(const char* pos, const char* end,
                                         unsigned char* any_byte) {
  unsigned char seen = 0;
  while (pos < end) {
    const char c = *pos;
    if (c == ',' || c == '\n' || c == '\r') break;
    seen |= static_cast<unsigned char>(c);
    ++pos;
  }
  *any_byte |= seen;
  return pos;
}

#if defined(__SSE2__)
// Sixteen bytes at a time: most fields end within the first block.
inline const char* FindUnquotedEnd(const char* pos, const char* end,
                                   unsigned char* any_byte) {
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i line_feed = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  while (end - pos >= 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(pos));
    const __m128i stops = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(block, comma), _mm_cmpeq_epi8(block, line_feed)),
        _mm_cmpeq_epi8(block, carriage_return));
    const unsigned stop_mask = static_cast<unsigned>(_mm_movemask_epi8(stops));
    const unsigned high_mask = static_cast<unsigned>(_mm_movemask_epi8(block));
    if (stop_mask == 0) {
      if (high_mask != 0) *any_byte |= 0x80;
      pos += 16;
      continue;
    }
    const int index = __builtin_ctz(stop_mask);
    if ((high_mask & ((1u << index) - 1)) != 0) *any_byte |= 0x80;
    return pos + index;
  }
  return FindUnquotedEndScalar(pos, end, any_byte);
}
#else
inline const char* FindUnquotedEnd(const char* pos, const char* end,
                                   unsigned char* any_byte) {
  return FindUnquotedEndScalar(pos, end, any_byte);
}
#endif

// Whether the byte at `c` breaks a line: LF, or a CR not followed by LF (the CR of CRLF
// is not counted, its LF is).
inline bool BreaksLine(const char* c, const char* end) {
  return *c == '\n' || (*c == '\r' && (c + 1 == end || c[1] != '\n'));
}

}  // namespace

ScannedRecord RecordScanner::Scan(const char* p, const char* end) {
  ScannedRecord record;
#if defined(__SSE2__)
  if (ScanUnquoted(p, end, &record)) return record;
#endif
  return ScanGeneral(p, end);
}

#if defined(__SSE2__)
bool RecordScanner::ScanUnquoted(const char* p, const char* end, ScannedRecord* record) {
  fields_.clear();
  const char* field_start = p;
  auto add_field = [&](const char* field_end) {
    fields_.push_back(FieldRef{static_cast<uint32_t>(field_start - p),
                               static_cast<uint32_t>(field_end - field_start),
                               static_cast<uint32_t>(field_start - p), false});
  };
  bool high = false;
  const char* at = SplitUnquotedRecord(p, end, /*refuse_high_bytes=*/false, &high,
                                       [&](const char* comma) {
                                         add_field(comma);
                                         field_start = comma + 1;
                                         return true;
                                       });
  if (at == nullptr) return false;
  add_field(at);
  record->begin = p;
  record->end = at;
  record->next = AfterLineBreak(at, end);
  record->high_bytes = high;
  record->blank = at == p;
  return true;
}
#endif

ScannedRecord RecordScanner::ScanGeneral(const char* p, const char* end) {
  ScannedRecord record;
  record.begin = p;
  fields_.clear();
  scratch_.clear();
  unsigned char any_byte = 0;
  const char* pos = p;

  while (true) {
    FieldRef field;
    field.raw_offset = static_cast<uint32_t>(pos - p);
    if (pos < end && *pos == '"') {
      // Quoted field: find the closing quote, unescaping "" on the way.
      ++pos;
      const char* segment = pos;
      bool escaped = false;
      while (true) {
        const char* quote = static_cast<const char*>(
            std::memchr(pos, '"', static_cast<size_t>(end - pos)));
        const char* stop = quote ? quote : end;
        for (const char* c = pos; c < stop; ++c) {
          any_byte |= static_cast<unsigned char>(*c);
          record.line_breaks += BreaksLine(c, end);
        }
        if (quote == nullptr) {
          // No closing quote: the field runs to the end of the input.
          record.unterminated_quote = true;
          if (escaped) scratch_.append(segment, end);
          pos = end;
          break;
        }
        if (quote + 1 < end && quote[1] == '"') {
          if (!escaped) {
            field.offset = static_cast<uint32_t>(scratch_.size());
            escaped = true;
          }
          scratch_.append(segment, quote + 1);
          pos = quote + 2;
          segment = pos;
          continue;
        }
        if (escaped) scratch_.append(segment, quote);
        pos = quote + 1;
        break;
      }
      if (escaped) {
        field.in_scratch = true;
        field.length = static_cast<uint32_t>(scratch_.size() - field.offset);
      } else {
        field.offset = static_cast<uint32_t>(segment - p);
        field.length =
            static_cast<uint32_t>((record.unterminated_quote ? end : pos - 1) - segment);
      }
      // Text between the closing quote and the delimiter belongs to the field, as in
      // Python's csv module ("a"b -> ab).
      const char* tail = pos;
      pos = FindUnquotedEnd(pos, end, &any_byte);
      if (pos > tail) {
        if (!field.in_scratch) {
          const uint32_t at = static_cast<uint32_t>(scratch_.size());
          scratch_.append(p + field.offset, field.length);
          field.offset = at;
          field.in_scratch = true;
        }
        scratch_.append(tail, pos);
        field.length = static_cast<uint32_t>(scratch_.size() - field.offset);
      }
    } else {
      const char* start = pos;
      pos = FindUnquotedEnd(pos, end, &any_byte);
      field.offset = static_cast<uint32_t>(start - p);
      field.length = static_cast<uint32_t>(pos - start);
    }
    fields_.push_back(field);

    if (pos < end && *pos == ',') {
      ++pos;
      continue;
    }
    // End of record: a line break (LF, CRLF or CR) or the end of the input.
    record.end = pos;
    record.next = pos < end ? AfterLineBreak(pos, end) : end;
    break;
  }
  record.high_bytes = (any_byte & 0x80) != 0;
  record.blank = record.end == record.begin;
  return record;
}

namespace {

// Whether `text` is ASCII without a line break (LF or CR), eight bytes at a time: then a
// byte offset is a column. Nearly every quarantined row's prefix is, and quarantine.csv
// asks for one position per row.
bool IsAsciiOnOneLine(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  // Non-zero when a byte of `word` is zero (a borrow only passes beyond a zero byte).
  auto has_zero = [](uint64_t word) { return (word - kOnes) & ~word & kHighBits; };
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    if ((word & kHighBits) != 0 || has_zero(word ^ (kOnes * '\n')) != 0 ||
        has_zero(word ^ (kOnes * '\r')) != 0) {
      return false;
    }
  }
  for (; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r' ||
        (static_cast<unsigned char>(text[i]) & 0x80) != 0)
      return false;
  }
  return true;
}

}  // namespace

TextPosition PositionInRecord(std::string_view raw, uint32_t offset,
                              uint64_t first_line) {
  const size_t end = std::min<size_t>(offset, raw.size());
  if (IsAsciiOnOneLine(raw.substr(0, end))) {
    return TextPosition{first_line, static_cast<uint32_t>(end + 1)};
  }
  TextPosition position{first_line, 1};
  for (uint32_t i = 0; i < offset && i < raw.size(); ++i) {
    if (BreaksLine(raw.data() + i, raw.data() + raw.size())) {
      ++position.line;
      position.column = 1;
    } else if ((static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80) {
      ++position.column;
    }
  }
  return position;
}

}  // namespace storepulse::ingest
