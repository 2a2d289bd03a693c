// The batch's analytics over the real export's clean table, each piece alone on one
// thread, and ComputeAll (every piece, in parallel) as the batch runs it. Run from the
// repository, beside ../shared/data/OnlineRetail.csv.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <functional>

#include "analytics/analytics_context.h"
#include "ingest/csv_reader.h"

namespace storepulse::analytics {
namespace {

constexpr const char* kRealExport = "../shared/data/OnlineRetail.csv";

const Table* RealTable() {
  static const ingest::IngestResult* read = [] {
    if (!std::filesystem::exists(kRealExport))
      return static_cast<ingest::IngestResult*>(nullptr);
    auto result = ingest::ReadOrderLinesFile(kRealExport, {});
    return result.ok() ? new ingest::IngestResult(std::move(*result)) : nullptr;
  }();
  return read != nullptr ? &read->table : nullptr;
}

// Times `piece` on a fresh context each iteration, after computing `prerequisites`
// (untimed) so that only the piece itself is measured.
void TimePiece(benchmark::State& state,
               const std::function<void(AnalyticsContext&)>& prerequisites,
               const std::function<void(AnalyticsContext&)>& piece) {
  const Table* table = RealTable();
  if (table == nullptr) {
    state.SkipWithError("../shared/data/OnlineRetail.csv is absent (run from the repo)");
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    auto context = std::make_unique<AnalyticsContext>(*table);
    prerequisites(*context);
    state.ResumeTiming();
    piece(*context);
    state.PauseTiming();
    context.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * table->size()));
}

void Nothing(AnalyticsContext&) {}
void Days(AnalyticsContext& context) { context.days(); }
void Customers(AnalyticsContext& context) { context.customers(); }
void DaysAndCustomers(AnalyticsContext& context) {
  context.days();
  context.customers();
}

void BM_DayGroups(benchmark::State& state) { TimePiece(state, Nothing, Days); }
void BM_CustomerSummaries(benchmark::State& state) {
  TimePiece(state, Nothing, Customers);
}
void BM_DailyMetricsEveryDay(benchmark::State& state) {
  TimePiece(state, Days, [](AnalyticsContext& context) { context.daily(); });
}
void BM_Segmentation(benchmark::State& state) {
  TimePiece(state, Customers, [](AnalyticsContext& context) { context.segmentation(); });
}
void BM_Rfm(benchmark::State& state) {
  TimePiece(state, DaysAndCustomers, [](AnalyticsContext& context) { context.rfm(); });
}
void BM_Retention(benchmark::State& state) {
  TimePiece(state, Customers, [](AnalyticsContext& context) { context.retention(); });
}
void BM_Products(benchmark::State& state) {
  TimePiece(state, Nothing, [](AnalyticsContext& context) { context.products(); });
}
void BM_Countries(benchmark::State& state) {
  TimePiece(state, Nothing, [](AnalyticsContext& context) { context.countries(); });
}
void BM_Seasonality(benchmark::State& state) {
  TimePiece(state, Days, [](AnalyticsContext& context) { context.seasonality(); });
}
void BM_ProductDescriptions(benchmark::State& state) {
  TimePiece(state, Nothing,
            [](AnalyticsContext& context) { context.product_descriptions(); });
}
void BM_ComputeAll(benchmark::State& state) {
  TimePiece(state, Nothing, [](AnalyticsContext& context) { context.ComputeAll(); });
}

#define PIECE(name) BENCHMARK(name)->Unit(benchmark::kMillisecond)->UseRealTime()
PIECE(BM_DayGroups);
PIECE(BM_CustomerSummaries);
PIECE(BM_DailyMetricsEveryDay);
PIECE(BM_Segmentation);
PIECE(BM_Rfm);
PIECE(BM_Retention);
PIECE(BM_Products);
PIECE(BM_Countries);
PIECE(BM_Seasonality);
PIECE(BM_ProductDescriptions);
PIECE(BM_ComputeAll);

}  // namespace
}  // namespace storepulse::analytics

BENCHMARK_MAIN();
