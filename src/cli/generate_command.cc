// storepulse generate: write a synthetic Online Retail export (see synth/generator.h).
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "cli/commands.h"
#include "cli/progress.h"
#include "core/civil_time.h"
#include "core/number_format.h"
#include "synth/generator.h"

namespace storepulse::cli {
namespace {

struct GenerateOptions {
  uint64_t rows = 0;
  uint64_t seed = synth::GeneratorOptions{}.seed;
  std::string start = "2010-12-01";
  int threads = 0;
  std::string output;
};

int Fail(const Status& status) {
  fmt::print(stderr, "storepulse: error: {}\n", status.message());
  // Options out of range are the user's input; anything else (the file system) is not.
  return status.code() == StatusCode::kInvalidArgument ? kExitBadInput : kExitFailure;
}

// True when `path` is where standard output goes (/dev/stdout, or the file stdout is
// redirected to): then the summary line must not end up inside the CSV.
bool IsStandardOutput(const std::string& path) {
  struct stat file;
  struct stat out;
  return ::stat(path.c_str(), &file) == 0 && ::fstat(STDOUT_FILENO, &out) == 0 &&
         file.st_dev == out.st_dev && file.st_ino == out.st_ino;
}

int Run(const GenerateOptions& options) {
  synth::GeneratorOptions generator;
  generator.rows = options.rows;
  generator.seed = options.seed;
  generator.threads = options.threads;
  if (!ParseIsoDate(options.start, &generator.start_day)) {
    return Fail(Status::InvalidArgument(
        fmt::format("--start: expected a date as YYYY-MM-DD, got '{}'", options.start)));
  }
  if (Status valid = synth::ValidateOptions(generator); !valid.ok()) return Fail(valid);

  const bool csv_to_stdout = IsStandardOutput(options.output);
  const auto started = std::chrono::steady_clock::now();
  ProgressBar progress("generate", "rows");
  Status written =
      synth::WriteCsv(generator, options.output,
                      progress.enabled() ? progress.AsCallback() : ProgressFn());
  progress.Finish();
  if (!written.ok()) return Fail(written);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::error_code error;
  const uintmax_t bytes = std::filesystem::file_size(options.output, error);
  const std::string size = error ? "" : fmt::format(" ({:.1f} MB)", bytes / 1e6);
  fmt::print(csv_to_stdout ? stderr : stdout, "wrote {} rows{} to {} in {:.2f} s\n",
             FormatCount(static_cast<int64_t>(options.rows)), size, options.output,
             seconds);
  return kExitOk;
}

}  // namespace

void RegisterGenerateCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<GenerateOptions>();
  CLI::App* command = app.add_subcommand(
      "generate",
      "Write a synthetic order-line CSV in the Online Retail format: realistic "
      "customers, "
      "products, seasons and dirt (cancellations, guests, zero prices), the same bytes "
      "for the same seed");
  command->add_option("--rows,-n", options->rows, "Data rows to write")
      ->required()
      ->check(CLI::Range(uint64_t{1}, synth::kMaxRows));
  command
      ->add_option("--output,-o", options->output,
                   "CSV file to write (replaced atomically)")
      ->required();
  command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  command->add_option("--start", options->start, "First day, YYYY-MM-DD")
      ->capture_default_str();
  command
      ->add_option("--threads", options->threads,
                   "Worker threads (0: all cores); the output does not depend on it")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  command->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace storepulse::cli
