// Reads an Online Retail CSV export (or a file like it) into the clean columnar Table and
// the quarantine. The file is memory-mapped and parsed in chunks on all cores; the result
// is the same as a sequential parse, row order and line numbers included.
//
// Nothing read is dropped: rows_read == rows_clean + rows_quarantined, always. Blank
// lines are not rows; they are counted apart.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/progress.h"
#include "core/status.h"
#include "core/table.h"
#include "ingest/encoding.h"
#include "ingest/mapped_file.h"
#include "ingest/order_columns.h"
#include "ingest/quarantine.h"

namespace storepulse::ingest {

struct IngestOptions {
  // Worker threads; 0 uses every core. The result does not depend on it.
  int threads = 0;
  // Bytes per parallel chunk; 0 picks about four chunks per thread (at least 1 MiB).
  // Tests set it small to put chunk seams inside quoted fields.
  size_t chunk_bytes = 0;
  // Bytes parsed so far, of the file's size.
  ProgressFn progress;
  // ReadOrderLinesFile: files up to this size are read into memory whole before the
  // parse; bigger ones are paged in chunk by chunk and each chunk's pages are dropped
  // once parsed, so memory holds the results, not the file. The result is the same.
  size_t resident_file_bytes = MappedFile::kPopulateBytes;
};

struct IngestStats {
  std::string source;
  uint64_t bytes = 0;
  TextEncoding encoding = TextEncoding::kAscii;
  bool byte_order_mark = false;
  uint64_t rows_read = 0;
  uint64_t rows_clean = 0;
  uint64_t rows_quarantined = 0;
  uint64_t blank_lines = 0;
  std::array<uint64_t, kQuarantineReasonCount> quarantine_reasons{};
  // Empty values per order column, over the rows that have the header's field count.
  std::array<uint64_t, kOrderColumnCount> empty_values{};
  ColumnMap columns;
  uint32_t chunks = 0;
  // Chunks read again because their first record did not start where it was guessed
  // to (see ingest/record_seams.h); the result is the same either way.
  uint32_t chunks_read_again = 0;
};

struct IngestResult {
  Table table;
  Quarantine quarantine;
  IngestStats stats;
};

// NotFound / IOError when the file cannot be read; Corruption, naming file and line,
// when it is not an order-line CSV (empty, no header, a required column missing).
Result<IngestResult> ReadOrderLinesFile(const std::string& path,
                                        const IngestOptions& options = {});

// The same for bytes in memory; `source` names them in messages.
Result<IngestResult> ReadOrderLines(std::string_view data, const std::string& source,
                                    const IngestOptions& options = {});

}  // namespace storepulse::ingest
