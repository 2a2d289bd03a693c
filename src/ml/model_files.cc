#include "ml/model_files.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "ml/content_hash.h"

namespace storepulse::ml {
namespace {

std::string JoinPath(const std::string& dir, std::string_view file) {
  return (std::filesystem::path(dir) / std::string(file)).string();
}

std::string BoosterFileName(std::string_view kind, std::string_view target) {
  return target.empty() ? fmt::format("{}.json", kind)
                        : fmt::format("{}_{}.json", kind, target);
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return Status::NotFound(fmt::format("{}: no such file", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(fmt::format("{}: cannot be opened", path));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Status::IOError(fmt::format("{}: read failed", path));
  return content.str();
}

// The value of `key` in `json` as a T, or Corruption naming `what`.`key`.
template <typename T>
Result<T> Field(const nlohmann::json& json, std::string_view key, std::string_view what) {
  const auto found = json.find(key);
  if (found == json.end()) {
    return Status::Corruption(fmt::format("{}: missing field '{}'", what, key));
  }
  try {
    return found->get<T>();
  } catch (const nlohmann::json::exception&) {
    return Status::Corruption(fmt::format("{}: field '{}' has the wrong type ({})", what,
                                          key, found->type_name()));
  }
}

nlohmann::ordered_json ObjectField(const nlohmann::json& json, std::string_view key) {
  const auto found = json.find(key);
  if (found == json.end() || !found->is_object()) return nlohmann::ordered_json::object();
  // Parsed as an unordered json; re-read as ordered for printing in a stable order.
  return nlohmann::ordered_json::parse(found->dump());
}

}  // namespace

nlohmann::ordered_json ModelMetadata::ToJson() const {
  nlohmann::ordered_json boosters_json = nlohmann::ordered_json::array();
  for (const BoosterFile& booster : boosters) {
    boosters_json.push_back(
        {{"target", booster.target}, {"file", booster.file}, {"hash", booster.hash}});
  }
  return {{"format_version", kModelFormatVersion},
          {"kind", kind},
          {"model_version", model_version},
          {"trained_at", trained_at},
          {"storepulse_version", storepulse_version},
          {"features", features},
          {"encodings", encodings},
          {"training_data",
           {{"source", training_data.source},
            {"hash", training_data.hash},
            {"rows", training_data.rows},
            {"training_rows", training_data.training_rows},
            {"test_rows", training_data.test_rows}}},
          {"parameters", parameters},
          {"metrics", metrics},
          {"state", state},
          {"boosters", boosters_json}};
}

Result<ModelMetadata> ModelMetadata::FromJson(const nlohmann::json& json,
                                              std::string_view what) {
  if (!json.is_object())
    return Status::Corruption(fmt::format("{}: not an object", what));
  SP_ASSIGN_OR_RETURN(const int format, Field<int>(json, "format_version", what));
  if (format != kModelFormatVersion) {
    return Status::InvalidArgument(fmt::format(
        "{}: model format {} (this storepulse reads format {}): retrain with `storepulse "
        "train`",
        what, format, kModelFormatVersion));
  }
  ModelMetadata metadata;
  SP_ASSIGN_OR_RETURN(metadata.kind, Field<std::string>(json, "kind", what));
  SP_ASSIGN_OR_RETURN(metadata.model_version,
                      Field<std::string>(json, "model_version", what));
  SP_ASSIGN_OR_RETURN(metadata.trained_at, Field<std::string>(json, "trained_at", what));
  SP_ASSIGN_OR_RETURN(metadata.storepulse_version,
                      Field<std::string>(json, "storepulse_version", what));
  SP_ASSIGN_OR_RETURN(metadata.features,
                      Field<std::vector<std::string>>(json, "features", what));
  SP_ASSIGN_OR_RETURN(const nlohmann::json data,
                      Field<nlohmann::json>(json, "training_data", what));
  const std::string data_what = fmt::format("{}: training_data", what);
  SP_ASSIGN_OR_RETURN(metadata.training_data.source,
                      Field<std::string>(data, "source", data_what));
  SP_ASSIGN_OR_RETURN(metadata.training_data.hash,
                      Field<std::string>(data, "hash", data_what));
  SP_ASSIGN_OR_RETURN(metadata.training_data.rows,
                      Field<uint64_t>(data, "rows", data_what));
  SP_ASSIGN_OR_RETURN(metadata.training_data.training_rows,
                      Field<uint64_t>(data, "training_rows", data_what));
  SP_ASSIGN_OR_RETURN(metadata.training_data.test_rows,
                      Field<uint64_t>(data, "test_rows", data_what));
  metadata.encodings = ObjectField(json, "encodings");
  metadata.parameters = ObjectField(json, "parameters");
  metadata.metrics = ObjectField(json, "metrics");
  metadata.state = ObjectField(json, "state");
  SP_ASSIGN_OR_RETURN(const nlohmann::json boosters,
                      Field<nlohmann::json>(json, "boosters", what));
  if (!boosters.is_array() || boosters.empty()) {
    return Status::Corruption(
        fmt::format("{}: 'boosters' is not a non-empty list", what));
  }
  for (const nlohmann::json& booster : boosters) {
    BoosterFile file;
    const std::string booster_what = fmt::format("{}: boosters", what);
    SP_ASSIGN_OR_RETURN(file.target, Field<std::string>(booster, "target", booster_what));
    SP_ASSIGN_OR_RETURN(file.file, Field<std::string>(booster, "file", booster_what));
    SP_ASSIGN_OR_RETURN(file.hash, Field<std::string>(booster, "hash", booster_what));
    // A file name, not a path: the metadata cannot point outside its directory.
    if (file.file.empty() || file.file.find('/') != std::string::npos ||
        file.file.starts_with(".")) {
      return Status::Corruption(
          fmt::format("{}: booster file '{}' is not a plain file name", what, file.file));
    }
    metadata.boosters.push_back(std::move(file));
  }
  return metadata;
}

std::string ModelVersion(std::string_view kind, std::string_view trained_at,
                         std::string_view data_hash) {
  std::string compact;
  for (const char c : trained_at) {
    if (c != '-' && c != ':') compact += c;
  }
  return fmt::format("{}-{}-{}", kind, compact, data_hash.substr(0, 8));
}

std::string UtcNowIso() {
  const std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string MetadataPath(const std::string& dir, std::string_view kind) {
  return JoinPath(dir, fmt::format("{}.meta.json", kind));
}

Status SaveModel(const std::string& dir, ModelMetadata& metadata,
                 std::span<const NamedBooster> boosters) {
  metadata.boosters.clear();
  for (const NamedBooster& named : boosters) {
    SP_ASSIGN_OR_RETURN(const std::string json, named.booster->SaveJson());
    BoosterFile file{named.target, BoosterFileName(metadata.kind, named.target),
                     HashText(json)};
    SP_RETURN_IF_ERROR(WriteFileAtomically(JoinPath(dir, file.file), json));
    metadata.boosters.push_back(std::move(file));
  }
  return WriteFileAtomically(MetadataPath(dir, metadata.kind),
                             metadata.ToJson().dump(2) + "\n");
}

Result<nlohmann::json> ReadJsonFile(const std::string& path) {
  SP_ASSIGN_OR_RETURN(const std::string text, ReadWholeFile(path));
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return Status::Corruption(fmt::format("{}: not valid JSON", path));
  }
  return json;
}

Result<LoadedModel> LoadModelFiles(const std::string& dir, std::string_view kind,
                                   std::span<const std::string_view> expected_features) {
  const std::string meta_path = MetadataPath(dir, kind);
  auto json = ReadJsonFile(meta_path);
  if (!json.ok()) {
    if (json.status().code() == StatusCode::kNotFound) {
      return Status::NotFound(fmt::format(
          "no {} model in {} ({} is missing): run `storepulse train --input FILE "
          "--models {}` first",
          kind, dir, meta_path, dir));
    }
    return json.status();
  }
  LoadedModel loaded;
  SP_ASSIGN_OR_RETURN(loaded.metadata, ModelMetadata::FromJson(*json, meta_path));
  const ModelMetadata& metadata = loaded.metadata;
  if (metadata.kind != kind) {
    return Status::InvalidArgument(
        fmt::format("{}: a {} model, expected {}", meta_path, metadata.kind, kind));
  }
  for (size_t i = 0; i < std::max(metadata.features.size(), expected_features.size());
       ++i) {
    const std::string_view has =
        i < metadata.features.size() ? std::string_view(metadata.features[i]) : "(none)";
    const std::string_view wants =
        i < expected_features.size() ? expected_features[i] : "(none)";
    if (has != wants) {
      return Status::InvalidArgument(fmt::format(
          "{}: the model's features do not match this storepulse's: feature {} is '{}' "
          "in the model but '{}' here (model {} has {} features, this build computes "
          "{}); retrain with `storepulse train`",
          meta_path, i + 1, has, wants, metadata.model_version, metadata.features.size(),
          expected_features.size()));
    }
  }
  for (const BoosterFile& booster : metadata.boosters) {
    const std::string path = JoinPath(dir, booster.file);
    auto text = ReadWholeFile(path);
    if (!text.ok()) {
      if (text.status().code() == StatusCode::kNotFound) {
        return Status::NotFound(
            fmt::format("{} names {}, which is missing: retrain with `storepulse train`",
                        meta_path, path));
      }
      return text.status();
    }
    if (HashText(*text) != booster.hash) {
      return Status::Corruption(fmt::format(
          "{} does not match its metadata {} (content hash {} instead of {}): the files "
          "come from different trainings; retrain with `storepulse train`",
          path, meta_path, HashText(*text), booster.hash));
    }
    loaded.booster_json.push_back(std::move(text).value());
  }
  return loaded;
}

}  // namespace storepulse::ml
