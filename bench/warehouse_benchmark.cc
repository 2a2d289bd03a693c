// Warehouse load throughput: order lines per second stored by Warehouse::Load, on the
// real data's size (541,909 generated export rows, ~400k clean lines) with its
// quarantine; and setting every customer's predicted value (what `storepulse train`
// stores). SQLite always; PostgreSQL when STOREPULSE_BENCH_PG_URL names a database
// (scripts/pg-test-server.sh start DIR prints one for a throwaway local server).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "analytics/analytics_context.h"
#include "ingest/csv_reader.h"
#include "storage/analytics_rows.h"
#include "storage/warehouse.h"
#include "synth/generator.h"

namespace storepulse {
namespace {

struct Sample {
  Table lines;
  std::vector<storage::QuarantineRecord> quarantine;
};

const Sample& RealSizeSample() {
  static const Sample* sample = [] {
    synth::GeneratorOptions options;
    options.rows = 541'909;
    options.seed = 7;
    auto ingested = ingest::ReadOrderLines(synth::GenerateCsv(options), "sample.csv");
    if (!ingested.ok()) std::abort();
    auto* built = new Sample{std::move(ingested->table), {}};
    const ingest::Quarantine& quarantine = ingested->quarantine;
    for (size_t i = 0; i < quarantine.size(); ++i) {
      built->quarantine.push_back(
          {quarantine.row(i).line, 0,
           std::string(ingest::QuarantineReasonName(quarantine.row(i).reason)), "",
           quarantine.Describe(i), std::string(quarantine.raw(i))});
    }
    return built;
  }();
  return *sample;
}

// Loads the sample into `warehouse` once per iteration. From the second iteration on the
// source already holds a load, so each also deletes the previous rows (a batch re-run).
void LoadLoop(benchmark::State& state, storage::Warehouse& warehouse,
              bool with_quarantine) {
  const Sample& sample = RealSizeSample();
  storage::BatchLoad load;
  load.source = "OnlineRetail.csv";
  load.lines = &sample.lines;
  if (with_quarantine) load.quarantine = sample.quarantine;
  for (auto _ : state) {
    auto run = warehouse.BeginRun(load.source, "bench");
    Status status = run.ok() ? warehouse.Load(*run, load) : run.status();
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * sample.lines.size()));
  state.counters["lines"] = static_cast<double>(sample.lines.size());
  state.counters["quarantined"] =
      with_quarantine ? static_cast<double>(sample.quarantine.size()) : 0;
}

std::string TempDatabase() {
  return (std::filesystem::temp_directory_path() /
          ("storepulse-bench-" + std::to_string(::getpid()) + ".db"))
      .string();
}

void RemoveDatabase(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Into a new database file each iteration: the first load of a source.
void BM_SqliteFirstLoad(benchmark::State& state) {
  const std::string path = TempDatabase();
  const Sample& sample = RealSizeSample();
  storage::BatchLoad load;
  load.source = "OnlineRetail.csv";
  load.lines = &sample.lines;
  for (auto _ : state) {
    state.PauseTiming();
    RemoveDatabase(path);
    auto warehouse = storage::OpenWarehouse("sqlite://" + path);
    if (!warehouse.ok()) {
      state.SkipWithError(warehouse.status().ToString().c_str());
      return;
    }
    auto run = (*warehouse)->BeginRun(load.source, "bench");
    state.ResumeTiming();
    Status status = run.ok() ? (*warehouse)->Load(*run, load) : run.status();
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
  }
  RemoveDatabase(path);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * sample.lines.size()));
}
BENCHMARK(BM_SqliteFirstLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

// Runs `body` on a new SQLite database file, removed afterwards.
template <typename Body>
void OnSqlite(benchmark::State& state, Body body) {
  const std::string path = TempDatabase();
  RemoveDatabase(path);
  auto warehouse = storage::OpenWarehouse("sqlite://" + path);
  if (!warehouse.ok()) {
    state.SkipWithError(warehouse.status().ToString().c_str());
    return;
  }
  body(**warehouse);
  warehouse->reset();
  RemoveDatabase(path);
}

// Runs `body` on the PostgreSQL database STOREPULSE_BENCH_PG_URL names (skipped without).
template <typename Body>
void OnPostgres(benchmark::State& state, Body body) {
  const char* url = std::getenv("STOREPULSE_BENCH_PG_URL");
  if (url == nullptr) {
    state.SkipWithError(
        "set STOREPULSE_BENCH_PG_URL (scripts/pg-test-server.sh start DIR)");
    return;
  }
  auto warehouse = storage::OpenWarehouse(url);
  if (!warehouse.ok()) {
    state.SkipWithError(warehouse.status().ToString().c_str());
    return;
  }
  body(**warehouse);
}

// The same source again and again: delete the previous rows, insert the new ones.
void BM_SqliteReload(benchmark::State& state) {
  OnSqlite(state, [&](storage::Warehouse& warehouse) {
    LoadLoop(state, warehouse, state.range(0) != 0);
  });
}
BENCHMARK(BM_SqliteReload)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PostgresReload(benchmark::State& state) {
  OnPostgres(state, [&](storage::Warehouse& warehouse) {
    LoadLoop(state, warehouse, state.range(0) != 0);
  });
}
BENCHMARK(BM_PostgresReload)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Every customer of the source given a predicted value, as `storepulse train` does, on
// a source loaded with its customer_metrics rows.
void PredictedValuesLoop(benchmark::State& state, storage::Warehouse& warehouse) {
  const Sample& sample = RealSizeSample();
  analytics::AnalyticsContext context(sample.lines);
  context.ComputeAll();
  storage::BatchLoad load;
  load.source = "OnlineRetail.csv";
  load.lines = &sample.lines;
  load.metrics = storage::MetricRowsOf(context);
  auto run = warehouse.BeginRun(load.source, "bench");
  Status loaded = run.ok() ? warehouse.Load(*run, load) : run.status();
  if (!loaded.ok()) {
    state.SkipWithError(loaded.ToString().c_str());
    return;
  }
  std::vector<storage::CustomerValue> values;
  const StringDictionary& customers = sample.lines.customers();
  for (uint32_t code = 0; code < customers.size(); ++code) {
    values.push_back({std::string(customers.Get(code)), Money::FromCents(code)});
  }
  for (auto _ : state) {
    auto updated = warehouse.SetPredictedValues(load.source, values);
    if (!updated.ok() || *updated != values.size()) {
      state.SkipWithError(updated.ok() ? "not every customer was updated"
                                       : updated.status().ToString().c_str());
      return;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * values.size()));
  state.counters["customers"] = static_cast<double>(values.size());
}

void BM_SqlitePredictedValues(benchmark::State& state) {
  OnSqlite(state,
           [&](storage::Warehouse& warehouse) { PredictedValuesLoop(state, warehouse); });
}
BENCHMARK(BM_SqlitePredictedValues)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PostgresPredictedValues(benchmark::State& state) {
  OnPostgres(state, [&](storage::Warehouse& warehouse) {
    PredictedValuesLoop(state, warehouse);
  });
}
BENCHMARK(BM_PostgresPredictedValues)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace storepulse

BENCHMARK_MAIN();
