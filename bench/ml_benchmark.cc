// The line revenue model: single-row and 10,000-row prediction through LinePredictor
// (what the HTTP server calls), and training the random forest (the prototype's model
// family, like for like with bench/peers/sklearn_train.py) and the kept boosted model on
// the random split's 80% of the real export. Without the export (STOREPULSE_BENCH_DATA,
// default ../shared/data/OnlineRetail.csv) a generated sample of 500,000 rows stands in.
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "ingest/csv_reader.h"
#include "ml/booster_training.h"
#include "ml/line_features.h"
#include "ml/line_model.h"
#include "ml/line_predictor.h"
#include "ml/model_files.h"
#include "ml/splits.h"
#include "synth/generator.h"

namespace storepulse::ml {
namespace {

const Table& Lines() {
  static const Table* table = [] {
    const char* env = std::getenv("STOREPULSE_BENCH_DATA");
    const std::string path = env != nullptr ? env : "../shared/data/OnlineRetail.csv";
    if (std::filesystem::exists(path)) {
      return new Table(std::move(ingest::ReadOrderLinesFile(path).value().table));
    }
    synth::GeneratorOptions options;
    options.rows = 500'000;
    const std::string data = synth::GenerateCsv(options);
    return new Table(std::move(ingest::ReadOrderLines(data, "sample").value().table));
  }();
  return *table;
}

// The model `storepulse train` saves, trained once, saved and loaded as a server does.
const LinePredictor& Predictor() {
  static const LinePredictor* predictor = [] {
    LineModelOptions options;
    options.time_split = false;
    const Table& table = Lines();
    TrainingData data{"bench", "0000000000000000", table.size(), 0, 0};
    LineModelResult trained = TrainLineModel(table, data, options).value();
    const std::string dir = (std::filesystem::temp_directory_path() /
                             ("storepulse-ml-bench-" + std::to_string(::getpid())))
                                .string();
    std::filesystem::create_directories(dir);
    const NamedBooster boosters[] = {{"", &trained.booster}};
    if (!SaveModel(dir, trained.metadata, boosters).ok()) std::abort();
    auto loaded = LoadLinePredictor(dir);
    std::filesystem::remove_all(dir);
    return loaded.value().release();
  }();
  return *predictor;
}

std::vector<LineRequest> Requests(size_t count) {
  const Table& table = Lines();
  std::vector<LineRequest> requests;
  for (size_t i = 0; i < count; ++i) {
    requests.push_back(LineRequestOfRow(table, (i * 7919) % table.size()));
  }
  return requests;
}

void BM_PredictOneRow(benchmark::State& state) {
  const LinePredictor& predictor = Predictor();
  const std::vector<LineRequest> requests = Requests(1024);
  size_t i = 0;
  for (auto _ : state) {
    auto prediction = predictor.Predict(requests[i++ & 1023]);
    benchmark::DoNotOptimize(prediction.value().predicted_revenue);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_PredictOneRow)->Unit(benchmark::kMicrosecond);

void BM_PredictBatch10k(benchmark::State& state) {
  const LinePredictor& predictor = Predictor();
  const std::vector<LineRequest> requests = Requests(10'000);
  for (auto _ : state) {
    auto predictions = predictor.PredictBatch(requests);
    benchmark::DoNotOptimize(predictions.value().data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * requests.size()));
}
BENCHMARK(BM_PredictBatch10k)->Unit(benchmark::kMillisecond)->UseRealTime();

// Training on the random split's training part (80%): features built once, outside.
struct TrainingSet {
  DenseMatrix features;
  std::vector<double> revenue;
};
const TrainingSet& EightyPercent() {
  static const TrainingSet* set = [] {
    const Table& table = Lines();
    const std::vector<size_t> rows = RandomSplit(table.size(), 42, 0.2, 0.1).Training();
    auto* training = new TrainingSet;
    training->features = LineFeatureMatrix(table, rows, FitLineEncodings(table, rows));
    for (size_t row : rows) {
      training->revenue.push_back(static_cast<double>(table.LineRevenue(row).units()) /
                                  Money::kUnitsPerCurrency);
    }
    return training;
  }();
  return *set;
}

void TrainOn80(benchmark::State& state, const BoosterConfig& config) {
  const TrainingSet& set = EightyPercent();
  for (auto _ : state) {
    auto booster = TrainBooster(set.features, set.revenue, config, /*threads=*/0);
    if (!booster.ok()) state.SkipWithError(booster.status().ToString().c_str());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * set.revenue.size()));
}

void BM_TrainRandomForest80(benchmark::State& state) {
  const LineModelOptions options;
  TrainOn80(state,
            RandomForestConfig(options.forest_trees, options.forest_max_depth, 42));
}
BENCHMARK(BM_TrainRandomForest80)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

void BM_TrainBoosted80(benchmark::State& state) {
  const LineModelOptions options;
  TrainOn80(state,
            GradientBoostedConfig(options.boosted_rounds, options.boosted_max_depth,
                                  options.boosted_learning_rate, 42));
}
BENCHMARK(BM_TrainBoosted80)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace
}  // namespace storepulse::ml

BENCHMARK_MAIN();
