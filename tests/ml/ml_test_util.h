// Shared by the ml tests: small generated tables and fast training configurations, for
// tests whose point is not accuracy (the real-data tests train the real models).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/table.h"
#include "ingest/csv_reader.h"
#include "ml/line_model.h"
#include "ml/model_files.h"
#include "synth/generator.h"
#include "test_util.h"

namespace storepulse::testing {

// The clean lines of a generated export of `rows` rows (about 74% are clean).
inline Table GeneratedTable(uint64_t rows, uint64_t seed = 7) {
  synth::GeneratorOptions options;
  options.rows = rows;
  options.seed = seed;
  auto read = ingest::ReadOrderLines(synth::GenerateCsv(options), "generated.csv");
  EXPECT_TRUE(read.ok()) << read.status().ToString();
  return read.ok() ? std::move(read->table) : Table();
}

// Few, small trees: seconds of nothing.
inline ml::LineModelOptions FastLineOptions() {
  ml::LineModelOptions options;
  options.forest_trees = 5;
  options.forest_max_depth = 4;
  options.boosted_rounds = 20;
  options.boosted_max_depth = 2;
  options.time_split = false;
  options.threads = 2;
  return options;
}

inline ml::TrainingData DataOf(const Table& table) {
  ml::TrainingData data;
  data.source = "generated.csv";
  data.hash = "0123456789abcdef";
  data.rows = table.size();
  return data;
}

// Trains the line model on `table` with FastLineOptions and saves it in `dir`.
inline ml::LineModelResult TrainAndSaveLineModel(const Table& table,
                                                 const std::string& dir) {
  auto result = ml::TrainLineModel(table, DataOf(table), FastLineOptions());
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) return {};
  const ml::NamedBooster boosters[] = {{"", &result->booster}};
  const Status saved = ml::SaveModel(dir, result->metadata, boosters);
  EXPECT_TRUE(saved.ok()) << saved.ToString();
  return std::move(result).value();
}

}  // namespace storepulse::testing
