#include "ingest/record_seams.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "ingest/csv_record.h"

namespace storepulse::ingest {

namespace {

// The lenient reader (csv_record.h) as a state machine over four kinds of byte. Records
// end at a line break (LF, CR, or CR LF) outside quotes; for the state, a CR is a line
// break like LF (the LF of a CR LF then finds the state at a field start, and stays).
enum State : uint8_t {
  kFieldStart,     // at the start of a field (or of a record)
  kUnquoted,       // inside an unquoted field, or in the text after a closing quote
  kQuoted,         // inside a quoted field
  kQuoteInQuoted,  // after a quote inside a quoted field: closing, or the first of ""
};
enum ByteKind : uint8_t { kOther, kQuote, kComma, kLineBreak };

constexpr std::array<std::array<State, 4>, 4> kNext = {{
    //            other         quote           comma        line break
    /* start  */ {kUnquoted, kQuoted, kFieldStart, kFieldStart},
    /* unquot */ {kUnquoted, kUnquoted, kFieldStart, kFieldStart},
    /* quoted */ {kQuoted, kQuoteInQuoted, kQuoted, kQuoted},
    /* q in q */ {kUnquoted, kQuoted, kFieldStart, kFieldStart},
}};

inline ByteKind KindOf(char c) {
  switch (c) {
    case '"':
      return kQuote;
    case ',':
      return kComma;
    case '\n':
    case '\r':
      return kLineBreak;
    default:
      return kOther;
  }
}

// From `at` in `state`: where the record after the first line break that ends a record
// starts, looking `window` bytes ahead at most (then data.size()).
size_t NextRecordStart(std::string_view data, size_t at, State state, size_t window) {
  const char* const end = data.data() + data.size();
  const size_t stop = at + std::min(window, data.size() - at);
  for (; at < stop; ++at) {
    const ByteKind kind = KindOf(data[at]);
    if (kind == kLineBreak && state != kQuoted) {
      return static_cast<size_t>(AfterLineBreak(data.data() + at, end) - data.data());
    }
    state = kNext[state][kind];
  }
  return data.size();
}

}  // namespace

size_t FindRecordStart(std::string_view data, size_t from, size_t window) {
  if (from >= data.size()) return data.size();
  const size_t stop = from + std::min(window, data.size() - from);
  // Without a quote ahead, only the runs outside quotes can be right (a quoted field
  // that long is the window's case): the start after the next line break.
  if (std::memchr(data.data() + from, '"', stop - from) == nullptr) {
    return NextRecordStart(data, from, kUnquoted, window);
  }
  std::array<State, 4> runs = {kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted};
  for (size_t at = from; at < stop; ++at) {
    const ByteKind kind = KindOf(data[at]);
    for (State& state : runs) state = kNext[state][kind];
    if (runs[0] == runs[1] && runs[0] == runs[2] && runs[0] == runs[3]) {
      return NextRecordStart(data, at + 1, runs[0], window);
    }
  }
  // The text ended before the runs met: no start can be told, and none is needed — the
  // chunk before this one reads on to the end, which is always right.
  if (stop == data.size()) return data.size();
  // The runs never met within the window: assume `from` is outside quotes.
  return NextRecordStart(data, from, kUnquoted, window);
}

}  // namespace storepulse::ingest
