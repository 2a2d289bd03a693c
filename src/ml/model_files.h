// Model files: each trained model is one or more XGBoost JSON files (one per target:
// the daily forecast has a revenue and an orders booster) next to one metadata JSON that
// describes them:
//
//   DIR/<kind>.json, DIR/<kind>_<target>.json   the boosters (XGBoost's JSON format)
//   DIR/<kind>.meta.json                        the metadata, written LAST
//
// The metadata holds the model kind, its version, the feature list and encodings, the
// training data (source, content hash, row counts), the parameters, the evaluation
// metrics, when it was trained and by which storepulse, any state serving needs (the
// forecast's recent history), and each booster's file name and content hash. Every file
// is written atomically (temp + fsync + rename); since the metadata goes last and names
// the hash of each booster, a crash between the writes leaves a pair that the loader
// refuses as mismatched rather than one that predicts with the wrong trees.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ml/xgboost_adapter.h"

namespace storepulse::ml {

// Bumped when the metadata's layout changes incompatibly.
inline constexpr int kModelFormatVersion = 1;

struct BoosterFile {
  std::string target;  // "revenue", "orders"
  std::string file;    // name in the model directory
  std::string hash;    // HashText of the file's content
};

struct TrainingData {
  std::string source;  // the input file as given
  std::string hash;    // HashTable of its clean lines
  uint64_t rows = 0;   // clean lines in the input
  uint64_t training_rows = 0;
  uint64_t test_rows = 0;
};

struct ModelMetadata {
  std::string kind;  // "line_revenue", "customer_value_90d", "daily_forecast"
  std::string model_version;
  std::string trained_at;  // UTC, "2024-05-01T12:00:00Z"
  std::string storepulse_version;
  std::vector<std::string> features;
  nlohmann::ordered_json encodings = nlohmann::ordered_json::object();
  TrainingData training_data;
  nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
  nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
  nlohmann::ordered_json state = nlohmann::ordered_json::object();
  std::vector<BoosterFile> boosters;

  nlohmann::ordered_json ToJson() const;
  static Result<ModelMetadata> FromJson(const nlohmann::json& json,
                                        std::string_view what);
};

// "<kind>-<trained_at as 20240501T120000Z>-<first 8 hex digits of the data hash>".
std::string ModelVersion(std::string_view kind, std::string_view trained_at,
                         std::string_view data_hash);
// The current UTC time as "2024-05-01T12:00:00Z".
std::string UtcNowIso();

std::string MetadataPath(const std::string& dir, std::string_view kind);

// A booster to save under `target` ("" for a model with a single booster).
struct NamedBooster {
  std::string target;
  const XgbBooster* booster = nullptr;
};

// Writes the boosters, then the metadata (its `boosters` filled in here), each
// atomically. IOError naming the file when the directory is missing or not writable.
Status SaveModel(const std::string& dir, ModelMetadata& metadata,
                 std::span<const NamedBooster> boosters);

struct LoadedModel {
  ModelMetadata metadata;
  std::vector<std::string> booster_json;  // parallel to metadata.boosters
};

// Reads the metadata of `kind` in `dir` and its boosters' JSON, and checks them: the
// kind and format, the feature list against `expected_features` (InvalidArgument naming
// the first difference), the booster hashes (Corruption). NotFound, saying to run
// `storepulse train`, when the files are missing.
Result<LoadedModel> LoadModelFiles(const std::string& dir, std::string_view kind,
                                   std::span<const std::string_view> expected_features);

// The JSON of `path`, parsed; NotFound, IOError or Corruption naming it.
Result<nlohmann::json> ReadJsonFile(const std::string& path);

}  // namespace storepulse::ml
