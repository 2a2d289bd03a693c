// The batch's analytics over the real export's clean table: each piece alone (those that
// use TBB on every core), and ComputeAll (every piece, side by side) as the batch runs
// it. Run from the repository, beside ../shared/data/OnlineRetail.csv.
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

// Each piece after what it reads: BENCHMARK_CAPTURE(TimePiece, name, prerequisites,
// piece).
#define PIECE(name, prerequisites, piece)                               \
  BENCHMARK_CAPTURE(TimePiece, name, prerequisites,                     \
                    [](AnalyticsContext& context) { context.piece(); }) \
      ->Unit(benchmark::kMillisecond)                                   \
      ->UseRealTime()
PIECE(day_groups, Nothing, days);
PIECE(customer_summaries, Nothing, customers);
PIECE(daily_metrics_every_day, Days, daily);
PIECE(segmentation, Customers, segmentation);
PIECE(rfm, DaysAndCustomers, rfm);
PIECE(retention, Customers, retention);
PIECE(products, Nothing, products);
PIECE(countries, Nothing, countries);
PIECE(seasonality, Days, seasonality);
PIECE(product_descriptions, Nothing, product_descriptions);
PIECE(compute_all, Nothing, ComputeAll);

}  // namespace
}  // namespace storepulse::analytics

BENCHMARK_MAIN();
