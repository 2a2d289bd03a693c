#include "ingest/csv_record.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace storepulse::ingest {

namespace {

// The end of unquoted text starting at `pos`: a comma, LF, or a CR before LF or the end
// (a lone CR inside a line is data). ORs every byte passed into *any_byte.
inline const char* FindUnquotedEndScalar(const char* pos, const char* end,
                                         unsigned char* any_byte) {
  unsigned char seen = 0;
  while (pos < end) {
    const char c = *pos;
    if (c == ',' || c == '\n') break;
    if (c == '\r' && (pos + 1 == end || pos[1] == '\n')) break;
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
    // A CR that is not before LF is data: let the scalar loop step over it.
    if (pos[index] == '\r') return FindUnquotedEndScalar(pos + index, end, any_byte);
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
  const char* field_end = (at > field_start && at[-1] == '\r') ? at - 1 : at;
  add_field(field_end);
  record->begin = p;
  record->end = field_end;
  record->next = at + 1;
  record->high_bytes = high;
  record->blank = field_end == p;
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
          record.line_breaks += (*c == '\n');
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
    // End of record: CRLF, LF, a final CR, or the end of the input.
    record.end = pos;
    if (pos < end && *pos == '\r') ++pos;
    if (pos < end && *pos == '\n') ++pos;
    record.next = pos;
    break;
  }
  record.high_bytes = (any_byte & 0x80) != 0;
  record.blank = record.end == record.begin;
  return record;
}

namespace {

// Whether `text` is ASCII without a line feed, eight bytes at a time: then a byte offset
// is a column. Nearly every quarantined row's prefix is, and quarantine.csv asks for one
// position per row.
bool IsAsciiWithoutLineFeed(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    const uint64_t line_feeds = word ^ (kOnes * '\n');  // a zero byte where '\n' was
    if (((word | ((line_feeds - kOnes) & ~line_feeds)) & kHighBits) != 0) return false;
  }
  for (; i < text.size(); ++i) {
    if (text[i] == '\n' || (static_cast<unsigned char>(text[i]) & 0x80) != 0)
      return false;
  }
  return true;
}

}  // namespace

TextPosition PositionInRecord(std::string_view raw, uint32_t offset,
                              uint64_t first_line) {
  const size_t end = std::min<size_t>(offset, raw.size());
  if (IsAsciiWithoutLineFeed(raw.substr(0, end))) {
    return TextPosition{first_line, static_cast<uint32_t>(end + 1)};
  }
  TextPosition position{first_line, 1};
  for (uint32_t i = 0; i < offset && i < raw.size(); ++i) {
    if (raw[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80) {
      ++position.column;
    }
  }
  return position;
}

}  // namespace storepulse::ingest
