// What several commands share: the --input and --threads options, reading the input
// with a progress bar, the --date option, the output directory, the --warehouse option.
#pragma once

#include <oneapi/tbb/global_control.h>
#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/csv_reader.h"
#include "storage/warehouse.h"

namespace storepulse::cli {

void AddInputOption(CLI::App* command, std::string* input);
void AddThreadsOption(CLI::App* command, int* threads);

// Caps oneTBB at `threads` while the returned object lives (nothing when 0).
std::unique_ptr<tbb::global_control> LimitThreads(int threads);

// Reads and cleans `input`, with a progress bar on a terminal.
Result<ingest::IngestResult> ReadInput(const std::string& input, int threads);

// "" -> nullopt; "YYYY-MM-DD" -> its day; anything else InvalidArgument naming --date.
Result<std::optional<int64_t>> ParseDateOption(const std::string& text);

// Creates `dir` and its parents; IOError naming --out when it cannot.
Status CreateOutputDirectory(const std::string& dir);

// Directories a command creates up front (to fail at once when it cannot) and takes back
// if it fails before writing into them: a failed run leaves no empty directory behind.
// Those still empty are removed, deepest first, when this goes out of scope, unless
// Keep() was called.
class DirectoriesCreated {
 public:
  DirectoriesCreated() = default;
  DirectoriesCreated(const DirectoriesCreated&) = delete;
  DirectoriesCreated& operator=(const DirectoriesCreated&) = delete;
  ~DirectoriesCreated();

  // Creates `dir` and its missing parents; IOError naming `option` when it cannot.
  Status Create(const std::string& dir, std::string_view option);
  void Keep() { created_.clear(); }

 private:
  std::vector<std::filesystem::path> created_;  // deepest first
};

// Checks what a command that reads `input` and stores into the warehouse `url` ("none":
// no warehouse) needs, before its work: that the input opens, then that the warehouse
// opens (created, migrated, connected to). A missing file, a wrong URL, an unreachable
// server or a bad password thus fails at once rather than after minutes of reading, and
// nothing is written; the input is checked first so that a run refused for it does not
// create or migrate a warehouse. The warehouse is closed again: a connection left idle
// through a long run could be dropped by the server; OpenWarehouseOption opens it when
// the command stores. Errors as WarehouseOptionError for the warehouse.
Status CheckInputAndWarehouse(const std::string& input, const std::string& url);

// The warehouse `url` names, opened, or null for "none". Errors as WarehouseOptionError.
Result<std::unique_ptr<storage::Warehouse>> OpenWarehouseOption(const std::string& url);

// `status` as an error of the --warehouse option: "--warehouse URL: message" (the URL
// without its password; "--warehouse: message" when the message names it already).
Status WarehouseOptionError(const std::string& url, const Status& status);

}  // namespace storepulse::cli
