// Analytics over the in-memory table: the whole profile, and duplicate detection alone.
#include <benchmark/benchmark.h>

#include <string>

#include "analytics/duplicates.h"
#include "analytics/profile.h"
#include "ingest/csv_reader.h"
#include "synth/generator.h"

namespace storepulse {
namespace {

const ingest::IngestResult& Sample() {
  static const ingest::IngestResult* sample = [] {
    synth::GeneratorOptions options;
    options.rows = 2'000'000;
    options.seed = 5;
    const std::string data = synth::GenerateCsv(options);
    return new ingest::IngestResult(
        std::move(ingest::ReadOrderLines(data, "sample").value()));
  }();
  return *sample;
}

void BM_ComputeProfile(benchmark::State& state) {
  const Table& table = Sample().table;
  for (auto _ : state) {
    benchmark::DoNotOptimize(analytics::ComputeProfile(table, {}).revenue);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * table.size()));
}
BENCHMARK(BM_ComputeProfile)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CountDuplicateRows(benchmark::State& state) {
  const Table& table = Sample().table;
  for (auto _ : state) benchmark::DoNotOptimize(analytics::CountDuplicateRows(table));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * table.size()));
}
BENCHMARK(BM_CountDuplicateRows)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace storepulse

BENCHMARK_MAIN();
