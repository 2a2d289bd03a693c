#include "cli/command_support.h"

#include <fmt/format.h>

#include <filesystem>

#include "cli/progress.h"
#include "ingest/mapped_file.h"
#include "storage/warehouse_url.h"

namespace storepulse::cli {

void AddInputOption(CLI::App* command, std::string* input) {
  command->add_option("--input,-i", *input, "Order-line CSV (Online Retail format)")
      ->required();
}

void AddThreadsOption(CLI::App* command, int* threads) {
  command->add_option("--threads", *threads, "Worker threads (0: all cores)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
}

std::unique_ptr<tbb::global_control> LimitThreads(int threads) {
  if (threads <= 0) return nullptr;
  return std::make_unique<tbb::global_control>(
      tbb::global_control::max_allowed_parallelism, threads);
}

Result<ingest::IngestResult> ReadInput(const std::string& input, int threads) {
  ProgressBar progress("reading", "B");
  ingest::IngestOptions options;
  options.threads = threads;
  if (progress.enabled()) options.progress = progress.AsCallback();
  auto ingested = ingest::ReadOrderLinesFile(input, options);
  progress.Finish();
  return ingested;
}

Result<std::optional<int64_t>> ParseDateOption(const std::string& text) {
  if (text.empty()) return std::optional<int64_t>();
  int64_t day = 0;
  if (!ParseIsoDate(text, &day)) {
    return Status::InvalidArgument(
        fmt::format("--date: expected YYYY-MM-DD, got '{}'", text));
  }
  return std::optional<int64_t>(day);
}

DirectoriesCreated::~DirectoriesCreated() {
  for (const std::filesystem::path& dir : created_) {
    std::error_code error;
    // remove() takes an empty directory only; the first that is not stops the climb.
    if (!std::filesystem::remove(dir, error) || error) break;
  }
}

Status DirectoriesCreated::Create(const std::string& dir, std::string_view option) {
  std::vector<std::filesystem::path> missing;
  std::error_code error;
  std::filesystem::path at = std::filesystem::path(dir).lexically_normal();
  if (!at.has_filename()) at = at.parent_path();  // "out/models/"
  for (; !at.empty() && !std::filesystem::exists(at, error) && !error;
       at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path()) break;
  }
  std::filesystem::create_directories(dir, error);
  if (error) {
    return Status::IOError(
        fmt::format("{} {}: cannot create directory: {}", option, dir, error.message()));
  }
  created_ = std::move(missing);
  return Status::Ok();
}

Status CreateOutputDirectory(const std::string& dir) {
  // Kept: batch writes its log there first (a failed run says why in it), profile
  // creates it only once it has its files to write.
  DirectoriesCreated created;
  Status status = created.Create(dir, "--out");
  created.Keep();
  return status;
}

Status CheckInputAndWarehouse(const std::string& input, const std::string& url) {
  SP_RETURN_IF_ERROR(ingest::MappedFile::CheckReadable(input));
  return OpenWarehouseOption(url).status();
}

Result<std::unique_ptr<storage::Warehouse>> OpenWarehouseOption(const std::string& url) {
  if (url == "none") return std::unique_ptr<storage::Warehouse>();
  auto opened = storage::OpenWarehouse(url);
  if (!opened.ok()) return WarehouseOptionError(url, opened.status());
  return std::move(*opened);
}

Status WarehouseOptionError(const std::string& url, const Status& status) {
  const std::string shown = storage::RedactPassword(url);
  if (status.message().find(shown) != std::string::npos) {
    return Status(status.code(), "--warehouse: " + status.message());
  }
  return Status(status.code(),
                fmt::format("--warehouse {}: {}", shown, status.message()));
}

}  // namespace storepulse::cli
