// Parses the records of one chunk of a CSV body into a partial table and quarantine.
// Internal to the CSV reader; chunks run in parallel and are merged in file order.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/status.h"
#include "core/table.h"
#include "ingest/encoding.h"
#include "ingest/order_columns.h"
#include "ingest/quarantine.h"

namespace storepulse::ingest {

struct ChunkContext {
  std::string_view data;  // the whole file
  const ColumnMap* columns;
  TextEncoding encoding;
  // When set, keeps `data` alive, and quarantined rows keep views of it, not copies.
  std::shared_ptr<const void> data_owner;
};

struct ChunkResult {
  Status status;
  Table table;
  Quarantine quarantine;  // line numbers relative to the chunk's first line (0)
  size_t end = 0;         // where the record after the chunk's last one starts
  // The chunk's last record ran past `give_up_at` (see ParseChunk): nothing else is set.
  bool gave_up = false;
  uint64_t lines = 0;  // physical lines the chunk's records cover
  uint64_t rows_read = 0;
  uint64_t blank_lines = 0;
  std::array<uint64_t, kOrderColumnCount> empty_values{};
};

// Parses every record that starts in [begin, limit); the last may run past `limit`, but
// not past `give_up_at`: a chunk whose start was guessed wrong can take a closing quote
// for an opening one and read on to the end of the file, so the reader stops it at the
// chunk after next and reads it again once its start is known.
ChunkResult ParseChunk(const ChunkContext& context, size_t begin, size_t limit,
                       size_t give_up_at = SIZE_MAX);

}  // namespace storepulse::ingest
