#include "synth/generator.h"

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <functional>
#include <string_view>
#include <vector>

#include "core/atomic_file.h"
#include "synth/day_writer.h"
#include "synth/shop_model.h"

namespace storepulse::synth {
namespace {

// Days are written in chunks of at least this many rows (a few hundred KB): big enough
// to amortise the pipeline's hand-offs, small enough to keep memory low.
constexpr uint64_t kRowsPerChunk = 4'096;
// Chunks in flight per thread: enough to keep every thread busy while the writer waits.
constexpr int kChunksPerThread = 4;

using ChunkSink = std::function<Status(std::string_view bytes)>;

// Invoice number of each day's first invoice. Planning is per day and independent, so
// it runs in parallel; the prefix sum is sequential and cheap.
std::vector<uint64_t> NumberInvoices(const ShopModel& model) {
  const std::vector<TradingDay>& days = model.days();
  std::vector<uint64_t> counts(days.size() + 1, 0);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, days.size()),
                    [&](const tbb::blocked_range<size_t>& range) {
                      std::vector<InvoiceShape> invoices;
                      for (size_t i = range.begin(); i != range.end(); ++i) {
                        PlanInvoices(model, days[i], &invoices);
                        counts[i + 1] = invoices.size();
                      }
                    });
  counts[0] = kFirstInvoiceNumber;
  for (size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
  return counts;
}

// A run of consecutive days, formatted by one task into one of the pipeline's buffers.
struct Chunk {
  size_t first_day = 0;
  size_t end_day = 0;
  size_t buffer = 0;        // index into the pipeline's buffers
  uint64_t rows_after = 0;  // data rows written once this chunk is
};

// Produces the file's bytes in order and hands them to `sink`, stopping at the sink's
// first error. REQUIRES: options.rows > 0.
Status Produce(const GeneratorOptions& options, const ChunkSink& sink,
               const ProgressFn& progress) {
  // More threads than cores only costs memory (each has chunks in flight).
  const int cores = tbb::info::default_concurrency();
  tbb::task_arena arena(options.threads > 0 ? std::min(options.threads, cores) : cores);
  Status status;
  arena.execute([&] {
    const ShopModel model(options.seed, options.rows, options.start_day);
    const std::vector<uint64_t> first_invoice = NumberInvoices(model);
    const std::vector<TradingDay>& days = model.days();

    status = sink(std::string_view(kCsvHeader));
    if (status.ok()) status = sink("\r\n");
    if (!status.ok()) return;

    const size_t tokens = static_cast<size_t>(arena.max_concurrency() * kChunksPerThread);
    // Chunk k uses buffer k % tokens: the last stage takes chunks in order, so chunk k
    // is written before chunk k + tokens can start. Reusing buffers keeps memory flat.
    std::vector<std::string> buffers(tokens);
    // Set by the last stage, read by the first: the two may run on different threads.
    std::atomic<bool> failed = false;
    size_t next_day = 0;
    size_t next_chunk = 0;

    const auto cut_chunk = [&](tbb::flow_control& control) {
      if (next_day == days.size() || failed.load(std::memory_order_relaxed)) {
        control.stop();
        return Chunk{};
      }
      Chunk chunk;
      chunk.first_day = next_day;
      uint64_t rows = 0;
      while (next_day < days.size() && rows < kRowsPerChunk)
        rows += days[next_day++].rows;
      chunk.end_day = next_day;
      chunk.buffer = next_chunk++ % tokens;
      chunk.rows_after = days[next_day - 1].first_row + days[next_day - 1].rows;
      return chunk;
    };
    const auto format_chunk = [&](Chunk chunk) {
      std::string& bytes = buffers[chunk.buffer];
      bytes.clear();
      for (size_t day = chunk.first_day; day < chunk.end_day; ++day) {
        WriteDay(model, days[day], first_invoice[day], &bytes);
      }
      return chunk;
    };
    const auto deliver_chunk = [&](Chunk chunk) {
      if (!status.ok()) return;
      status = sink(buffers[chunk.buffer]);
      if (!status.ok()) {
        failed.store(true, std::memory_order_relaxed);
      } else if (progress) {
        progress(chunk.rows_after, options.rows);
      }
    };
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, Chunk>(tbb::filter_mode::serial_in_order, cut_chunk) &
            tbb::make_filter<Chunk, Chunk>(tbb::filter_mode::parallel, format_chunk) &
            tbb::make_filter<Chunk, void>(tbb::filter_mode::serial_in_order,
                                          deliver_chunk));
  });
  return status;
}

}  // namespace

Status ValidateOptions(const GeneratorOptions& options) {
  if (options.rows == 0 || options.rows > kMaxRows) {
    return Status::InvalidArgument("rows must be between 1 and " +
                                   std::to_string(kMaxRows) + ", not " +
                                   std::to_string(options.rows));
  }
  if (options.threads < 0) {
    return Status::InvalidArgument("threads must be 0 (all cores) or more, not " +
                                   std::to_string(options.threads));
  }
  // Four-digit years from start to end (kMaxRows span < 2,000 years), as the export has.
  const int64_t first_start_day = DaysFromCivil(CivilDate{1000, 1, 1});
  const int64_t last_start_day = DaysFromCivil(CivilDate{7999, 12, 31});
  if (options.start_day < first_start_day || options.start_day > last_start_day) {
    return Status::InvalidArgument(
        "the start date must be in the years 1000 to 7999, not " +
        FormatIsoDate(options.start_day));
  }
  return Status::Ok();
}

Status WriteCsv(const GeneratorOptions& options, const std::string& path,
                const ProgressFn& progress) {
  SP_RETURN_IF_ERROR(ValidateOptions(options));
  AtomicFile file;
  SP_RETURN_IF_ERROR(file.Open(path));
  SP_RETURN_IF_ERROR(Produce(
      options, [&](std::string_view bytes) { return file.Append(bytes); }, progress));
  return file.Commit();
}

std::string GenerateCsv(const GeneratorOptions& options) {
  std::string csv;
  if (options.rows == 0) return std::string(kCsvHeader) + "\r\n";
  assert(ValidateOptions(options).ok());
  csv.reserve(options.rows * 90);
  const auto append = [&](std::string_view bytes) {
    csv.append(bytes);
    return Status::Ok();
  };
  [[maybe_unused]] const Status status = Produce(options, append, {});
  assert(status.ok());  // appending to memory cannot fail
  return csv;
}

}  // namespace storepulse::synth
