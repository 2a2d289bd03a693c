#include "ingest/csv_reader.h"

#include <fmt/format.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "ingest/chunk_parser.h"
#include "ingest/csv_record.h"
#include "ingest/mapped_file.h"
#include "ingest/record_seams.h"

namespace storepulse::ingest {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kMinChunkBytes = size_t{1} << 20;
// Bounded chunks keep what a chunk holds while it is parsed small on big files.
constexpr size_t kMaxChunkBytes = size_t{64} << 20;

struct ChunkScan {
  bool high_bytes = false;
  bool valid_utf8 = true;  // checked only where there are high bytes
};

// Runs work in a dedicated arena of `threads` threads, or in the caller's when 0.
class ParallelScope {
 public:
  explicit ParallelScope(int threads) {
    if (threads > 0) arena_.emplace(threads);
  }
  template <typename Fn>
  void execute(Fn&& fn) {
    if (arena_) {
      arena_->execute(std::forward<Fn>(fn));
    } else {
      fn();
    }
  }

 private:
  std::optional<tbb::task_arena> arena_;
};

std::string Shorten(std::string_view text) {
  return text.size() <= 40 ? std::string(text) : std::string(text.substr(0, 40)) + "...";
}

Result<ColumnMap> ReadHeader(std::string_view data, size_t begin,
                             const std::string& source, size_t* body_begin,
                             uint64_t* header_lines) {
  RecordScanner scanner;
  const ScannedRecord header =
      scanner.Scan(data.data() + begin, data.data() + data.size());
  if (header.blank) {
    return Status::Corruption(fmt::format(
        "{}:1: the first line is empty; expected a header naming the columns "
        "InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, "
        "CustomerID, Country",
        source));
  }
  if (header.unterminated_quote) {
    return Status::Corruption(
        fmt::format("{}:1: the header has a quoted field that is never closed", source));
  }
  std::vector<std::string> names;
  for (const FieldRef& field : scanner.fields()) {
    names.push_back(Shorten(scanner.Value(header, field)));
    if (names.size() == 64) break;  // enough to name what is there
  }
  auto mapped = MapColumns(names);
  if (!mapped.ok()) {
    return Status::Corruption(fmt::format("{}:1: not an order-line CSV: {}", source,
                                          mapped.status().message()));
  }
  mapped->field_count = static_cast<uint32_t>(scanner.fields().size());
  *body_begin = static_cast<size_t>(header.next - data.data());
  *header_lines = 1 + header.line_breaks;
  return mapped;
}

TextEncoding DetectEncoding(std::string_view data, size_t begin, size_t body_begin,
                            const std::vector<ChunkScan>& scans, bool bom) {
  bool any_high = HasHighBytes(data.substr(begin, body_begin - begin));
  bool valid = true;
  for (const ChunkScan& scan : scans) {
    any_high |= scan.high_bytes;
    valid &= scan.valid_utf8;
  }
  valid = valid && IsValidUtf8Range(data, begin, body_begin);
  if (!any_high) return bom ? TextEncoding::kUtf8 : TextEncoding::kAscii;
  if (bom) return TextEncoding::kUtf8;
  return valid ? TextEncoding::kUtf8 : TextEncoding::kLatin1;
}

// Reads `data`; when it is the whole of `file` (else null) and the file is too big to be
// read in whole, each chunk's pages are released after each pass over it: a 9 GB input
// then never has more than a few chunks resident. A file read in whole stays mapped as
// long as the quarantine, whose rows are views of it.
Result<IngestResult> Read(std::string_view data, const std::string& source,
                          const IngestOptions& options,
                          std::shared_ptr<const MappedFile> file, ParallelScope& arena) {
  const bool paged = file != nullptr && !file->populated();
  auto release = [&](size_t begin, size_t end) {
    if (paged) file->Release(begin, end);
  };
  IngestResult result;
  IngestStats& stats = result.stats;
  stats.source = source;
  stats.bytes = data.size();
  if (data.empty()) {
    return Status::Corruption(fmt::format(
        "{}: the file is empty; expected a header row and order lines", source));
  }
  size_t begin = 0;
  if (data.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    stats.byte_order_mark = true;
    begin = kUtf8Bom.size();
  }
  size_t body_begin = 0;
  uint64_t header_lines = 0;
  SP_ASSIGN_OR_RETURN(stats.columns,
                      ReadHeader(data, begin, source, &body_begin, &header_lines));

  const int threads =
      options.threads > 0 ? options.threads : tbb::this_task_arena::max_concurrency();
  const size_t body_bytes = data.size() - body_begin;
  const size_t chunk_bytes =
      options.chunk_bytes > 0
          ? options.chunk_bytes
          : std::clamp(body_bytes / (static_cast<size_t>(threads) * 4) + 1,
                       kMinChunkBytes, kMaxChunkBytes);
  std::vector<size_t> bounds;
  for (size_t at = body_begin; at < data.size(); at += chunk_bytes) bounds.push_back(at);
  bounds.push_back(data.size());
  if (bounds.size() == 1) bounds.insert(bounds.begin(), body_begin);  // header only
  const size_t chunk_count = bounds.size() - 1;

  // Pass 1: whether any byte needs an encoding decision, and where each chunk's first
  // record starts (near its first byte, which is then in cache).
  std::vector<ChunkScan> scans(chunk_count);
  std::atomic<bool> not_utf8{false};
  std::vector<size_t> starts(chunk_count + 1);
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, chunk_count, [&](size_t k) {
      scans[k].high_bytes =
          HasHighBytes(data.substr(bounds[k], bounds[k + 1] - bounds[k]));
      // While the chunk is in cache: whether it is UTF-8, in case the file has high
      // bytes; one chunk that is not settles it for the file (the others keep `true`).
      if (scans[k].high_bytes && !not_utf8.load(std::memory_order_relaxed)) {
        scans[k].valid_utf8 = IsValidUtf8Range(data, bounds[k], bounds[k + 1]);
        if (!scans[k].valid_utf8) not_utf8.store(true, std::memory_order_relaxed);
      }
      starts[k] = k == 0 ? body_begin : FindRecordStart(data, bounds[k]);
      release(bounds[k], bounds[k + 1]);
    });
  });
  stats.encoding = DetectEncoding(data, begin, body_begin, scans, stats.byte_order_mark);
  starts[chunk_count] = data.size();
  for (size_t k = chunk_count; k-- > 0;) starts[k] = std::min(starts[k], starts[k + 1]);

  // Pass 2: parse each chunk's records into its own table and quarantine.
  ChunkContext context{data, &stats.columns, stats.encoding,
                       paged ? nullptr : std::shared_ptr<const void>(file)};
  std::vector<ChunkResult> chunks(chunk_count);
  std::atomic<uint64_t> bytes_done{0};
  std::mutex progress_mutex;
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, chunk_count, [&](size_t k) {
      // Stopped at the chunk after next: see ParseChunk.
      const size_t give_up_at = k + 2 <= chunk_count ? starts[k + 2] : data.size();
      chunks[k] = ParseChunk(context, starts[k], starts[k + 1], give_up_at);
      release(starts[k], std::max(starts[k + 1], chunks[k].end));
      const uint64_t done =
          bytes_done.fetch_add(starts[k + 1] - starts[k]) + (starts[k + 1] - starts[k]);
      if (options.progress) {
        std::lock_guard lock(progress_mutex);
        options.progress(done, data.size() - body_begin);
      }
    });
  });
  // A chunk's start is a guess (FindRecordStart) until the chunk before it has been
  // read: where that one's last record ended is where the next record really starts. A
  // chunk that started elsewhere, or gave up, is read again from there (rare: a quoted
  // field longer than FindRecordStart looks ahead, or a quote left open), so every row
  // is read as a reading from the top would read it.
  for (size_t k = 0; k < chunk_count; ++k) {
    const size_t start = k == 0 ? starts[0] : chunks[k - 1].end;
    if (start != starts[k] || chunks[k].gave_up) {
      starts[k] = start;
      const size_t limit = std::max(starts[k + 1], start);
      chunks[k] = ParseChunk(context, start, limit);
      release(start, std::max(limit, chunks[k].end));
      ++stats.chunks_read_again;
    }
    if (!chunks[k].status.ok()) break;  // returned below
  }
  stats.chunks = static_cast<uint32_t>(chunks.size());

  std::vector<Table> parts;
  parts.reserve(chunks.size());
  uint64_t next_line = header_lines + 1;
  for (ChunkResult& chunk : chunks) {
    SP_RETURN_IF_ERROR(chunk.status);
    result.quarantine.Append(std::move(chunk.quarantine), next_line);
    next_line += chunk.lines;
    stats.rows_read += chunk.rows_read;
    stats.blank_lines += chunk.blank_lines;
    for (size_t c = 0; c < kOrderColumnCount; ++c)
      stats.empty_values[c] += chunk.empty_values[c];
    parts.push_back(std::move(chunk.table));
  }
  SP_ASSIGN_OR_RETURN(result.table, Table::Concatenate(std::move(parts), threads));
  stats.rows_clean = result.table.size();
  stats.rows_quarantined = result.quarantine.size();
  stats.quarantine_reasons = result.quarantine.CountByReason();
  if (stats.rows_read != stats.rows_clean + stats.rows_quarantined) {
    return Status::Internal(fmt::format("{}: {} rows read but {} clean + {} quarantined",
                                        source, stats.rows_read, stats.rows_clean,
                                        stats.rows_quarantined));
  }
  return result;
}

}  // namespace

// An arena of its own only when the caller asks for a thread count: creating arenas
// per call costs time and a little memory that TBB keeps.
Result<IngestResult> ReadOrderLines(std::string_view data, const std::string& source,
                                    const IngestOptions& options) {
  ParallelScope arena(options.threads);
  return Read(data, source, options, nullptr, arena);
}

Result<IngestResult> ReadOrderLinesFile(const std::string& path,
                                        const IngestOptions& options) {
  ParallelScope arena(options.threads);
  // Mapped in the arena too: reading the file in is parallel (MappedFile::Open).
  std::optional<Result<MappedFile>> opened;
  arena.execute(
      [&] { opened.emplace(MappedFile::Open(path, options.resident_file_bytes)); });
  SP_ASSIGN_OR_RETURN(MappedFile mapped, std::move(*opened));
  auto file = std::make_shared<const MappedFile>(std::move(mapped));
  return Read(file->data(), path, options, file, arena);
}

}  // namespace storepulse::ingest
