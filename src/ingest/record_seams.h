// Where records start, found from any byte of a CSV body without reading it from the
// top: how the parallel reader cuts a file into chunks that begin on record starts.
//
// Counting quotes from the top (a record starts after a line feed when the quotes before
// it are even) fails on the lenient reading of csv_record.h: a quote inside an unquoted
// field (an inch mark, 12" RULER) is an ordinary character but flips the count, and
// every later chunk start is then guessed wrong — in a file whose quoted rows each hold
// an even number of quotes, no start is found at all and one chunk reads the rest of the
// file alone. Instead the reader's own state machine is run from every state it could
// be in at that byte (starting a field, in an unquoted field, in a quoted field, just
// after a quote in one); the runs meet within a field or two of the next quote, and from
// there the state is certain.
#pragma once

#include <cstddef>
#include <string_view>

namespace storepulse::ingest {

// A record start after `from` (> 0) in `data`, or data.size() when the text ends before
// the runs meet or no line break follows within `window` bytes (the caller's chunk then
// joins the one before it). When the runs have not met within `window` bytes (no quote
// there but "" pairs, which read alike inside and outside quotes, or a quoted field
// longer than that), `from` is taken to be outside quotes: the start after its next
// line break, which is wrong only inside such a field or after a quote that is never
// closed. Callers check each chunk's start against where the chunk before it ended
// (ParseChunk), so a wrong guess costs a re-read, not a wrong row.
size_t FindRecordStart(std::string_view data, size_t from,
                       size_t window = size_t{64} << 10);

}  // namespace storepulse::ingest
