// Rows per second of synthetic order-line generation into memory (no disk), by thread
// count. Writing a file adds the write() copies and the disk on top.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "synth/generator.h"

namespace storepulse::synth {
namespace {

void BM_GenerateCsv(benchmark::State& state) {
  GeneratorOptions options;
  options.rows = static_cast<uint64_t>(state.range(0));
  options.threads = static_cast<int>(state.range(1));
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string csv = GenerateCsv(options);
    bytes = csv.size();
    benchmark::DoNotOptimize(csv.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(options.rows));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_GenerateCsv)
    ->ArgNames({"rows", "threads"})
    ->Args({100'000, 1})
    ->Args({1'000'000, 1})
    ->Args({1'000'000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace storepulse::synth

BENCHMARK_MAIN();
