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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ingest/chunk_parser.h"
#include "ingest/csv_record.h"
#include "ingest/mapped_file.h"

namespace storepulse::ingest {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kMinChunkBytes = size_t{1} << 20;
// Bounded chunks keep what a chunk holds while it is parsed small on big files.
constexpr size_t kMaxChunkBytes = size_t{64} << 20;

struct ChunkScan {
  uint64_t quotes = 0;
  bool high_bytes = false;
  bool valid_utf8 = true;  // checked only where there are high bytes
};

// Counts quotes and notices bytes >= 0x80, sixteen bytes at a time where SSE2 exists.
ChunkScan ScanChunk(std::string_view data, size_t begin, size_t end) {
  uint64_t quotes = 0;
  unsigned char any = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  size_t i = begin;
#if defined(__SSE2__)
  // Per-byte quote counters (cmpeq gives -1 per match), folded into `quotes` with a sum
  // of absolute differences before they can overflow at 255.
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i zero = _mm_setzero_si128();
  __m128i high = zero;
  __m128i counters = zero;
  int pending = 0;
  auto fold = [&] {
    const __m128i sums = _mm_sad_epu8(counters, zero);
    quotes += static_cast<uint64_t>(_mm_cvtsi128_si64(sums)) +
              static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
    counters = zero;
    pending = 0;
  };
  for (; i + 16 <= end; i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(block, quote));
    high = _mm_or_si128(high, block);
    if (++pending == 255) fold();
  }
  fold();
  if (_mm_movemask_epi8(high) != 0) any = 0x80;
#endif
  for (; i < end; ++i) {
    quotes += bytes[i] == '"';
    any |= bytes[i];
  }
  return ChunkScan{quotes, (any & 0x80) != 0};
}

// The first record start at or after `from`, given whether `from` is inside quotes
// (RFC 4180: every quote toggles). `body_begin` always starts a record.
size_t FirstRecordStart(std::string_view data, size_t from, bool in_quotes,
                        size_t body_begin) {
  if (from == body_begin) return from;
  if (!in_quotes && data[from - 1] == '\n') return from;
  for (size_t i = from; i < data.size(); ++i) {
    const char c = data[i];
    if (c == '"') {
      in_quotes = !in_quotes;
    } else if (c == '\n' && !in_quotes) {
      return i + 1;
    }
  }
  return data.size();
}

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
                          std::shared_ptr<const MappedFile> file) {
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
  // An arena of its own only when the caller asks for a thread count: creating arenas
  // per call costs time and a little memory that TBB keeps.
  ParallelScope arena(options.threads);
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

  // Pass 1: quote parity at every chunk start (for record boundaries) and whether any
  // byte needs an encoding decision.
  std::vector<ChunkScan> scans(chunk_count);
  std::atomic<bool> not_utf8{false};
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, chunk_count, [&](size_t k) {
      scans[k] = ScanChunk(data, bounds[k], bounds[k + 1]);
      // While the chunk is in cache: whether it is UTF-8, in case the file has high
      // bytes; one chunk that is not settles it for the file (the others keep `true`).
      if (scans[k].high_bytes && !not_utf8.load(std::memory_order_relaxed)) {
        scans[k].valid_utf8 = IsValidUtf8Range(data, bounds[k], bounds[k + 1]);
        if (!scans[k].valid_utf8) not_utf8.store(true, std::memory_order_relaxed);
      }
      release(bounds[k], bounds[k + 1]);
    });
  });
  stats.encoding = DetectEncoding(data, begin, body_begin, scans, stats.byte_order_mark);

  std::vector<size_t> starts(chunk_count + 1);
  uint64_t quotes_before = 0;
  for (size_t k = 0; k < chunk_count; ++k) {
    starts[k] = FirstRecordStart(data, bounds[k], quotes_before % 2 == 1, body_begin);
    quotes_before += scans[k].quotes;
  }
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
      chunks[k] = ParseChunk(context, starts[k], starts[k + 1]);
      release(starts[k], starts[k + 1]);
      const uint64_t done =
          bytes_done.fetch_add(starts[k + 1] - starts[k]) + (starts[k + 1] - starts[k]);
      if (options.progress) {
        std::lock_guard lock(progress_mutex);
        options.progress(done, data.size() - body_begin);
      }
    });
  });
  // A stray quote can make the quote-parity seams disagree with the lenient record
  // reader; the file is then read again in one piece, which is always right.
  bool seams_agree = true;
  for (size_t k = 0; k + 1 < chunk_count; ++k) {
    seams_agree &= chunks[k].end == starts[k + 1];
  }
  if (!seams_agree) {
    chunks.clear();
    chunks.push_back(ParseChunk(context, body_begin, data.size()));
    stats.sequential_fallback = true;
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

Result<IngestResult> ReadOrderLines(std::string_view data, const std::string& source,
                                    const IngestOptions& options) {
  return Read(data, source, options, nullptr);
}

Result<IngestResult> ReadOrderLinesFile(const std::string& path,
                                        const IngestOptions& options) {
  SP_ASSIGN_OR_RETURN(MappedFile mapped,
                      MappedFile::Open(path, options.resident_file_bytes));
  auto file = std::make_shared<const MappedFile>(std::move(mapped));
  return Read(file->data(), path, options, file);
}

}  // namespace storepulse::ingest
