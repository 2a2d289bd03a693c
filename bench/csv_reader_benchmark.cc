// Ingest throughput: ReadOrderLines (parse, clean, quarantine, merge) on generated
// exports held in memory, by thread count, in bytes/s and rows/s.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "ingest/csv_reader.h"
#include "synth/generator.h"

namespace storepulse {
namespace {

const std::string& Sample() {
  static const std::string* sample = [] {
    synth::GeneratorOptions options;
    options.rows = 1'000'000;
    options.seed = 11;
    return new std::string(synth::GenerateCsv(options));
  }();
  return *sample;
}

// Times `read` (given the options), reporting bytes and rows per second.
template <typename Read>
void TimeReads(benchmark::State& state, Read read) {
  ingest::IngestOptions options;
  options.threads = static_cast<int>(state.range(0));
  uint64_t rows = 0;
  uint64_t bytes = 0;
  for (auto _ : state) {
    auto result = read(options);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    rows = result->stats.rows_read;
    bytes = result->stats.bytes;
    benchmark::DoNotOptimize(result->table.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
}

void BM_ReadOrderLines(benchmark::State& state) {
  const std::string& data = Sample();  // generated once, before the timing
  TimeReads(state, [&data](const ingest::IngestOptions& options) {
    return ingest::ReadOrderLines(data, "sample.csv", options);
  });
}
BENCHMARK(BM_ReadOrderLines)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The sample with an inch mark (12" FRAME) in an unquoted description of its 50th row:
// a quote the lenient reading keeps as text, which once left every chunk after it to one
// thread (chunk starts were found by counting quotes from the top).
void BM_ReadWithStrayQuote(benchmark::State& state) {
  static const std::string* data = [] {
    std::string text = Sample();
    size_t line_start = 0;
    for (int line = 0; line < 50; ++line) line_start = text.find('\n', line_start) + 1;
    // The first row from there without a quote.
    for (size_t end = text.find('\n', line_start); text.find('"', line_start) < end;
         end = text.find('\n', line_start)) {
      line_start = end + 1;
    }
    const size_t description = text.find(',', text.find(',', line_start) + 1) + 1;
    text.replace(description, text.find(',', description) - description, "12\" FRAME");
    return new std::string(std::move(text));
  }();
  TimeReads(state, [](const ingest::IngestOptions& options) {
    return ingest::ReadOrderLines(*data, "stray.csv", options);
  });
}
BENCHMARK(BM_ReadWithStrayQuote)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The real export, read from its file as `storepulse batch` reads it (mapped, populated).
void BM_ReadRealExport(benchmark::State& state) {
  const char* const path = "../shared/data/OnlineRetail.csv";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("../shared/data/OnlineRetail.csv is absent (run from the repo)");
    return;
  }
  TimeReads(state, [path](const ingest::IngestOptions& options) {
    return ingest::ReadOrderLinesFile(path, options);
  });
}
BENCHMARK(BM_ReadRealExport)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace storepulse

BENCHMARK_MAIN();
