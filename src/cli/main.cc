// storepulse: one binary, one subcommand per job. Wiring only: every command parses its
// options here and calls the library.
#include <fmt/format.h>
#include <malloc.h>

#include <CLI/CLI.hpp>

#include <cstdlib>

#include "cli/commands.h"
#include "ingest/mapped_file.h"

namespace {

// XGBoost's OpenMP threads spin at every barrier by default; on a busy machine a spinning
// thread holds the core its partner needs, and training the line model took 15-20 s
// instead of 3 (2 cores, load 4). Waiting passively costs nothing measurable on an idle
// machine. libgomp reads the setting once, when it is loaded: with XGBoost, on a
// command's first use of it (ml/xgboost_adapter.cc opens it then), so setting it here
// is in time. A user's own OMP_WAIT_POLICY is left alone.
void PreferPassiveOpenMpWaiting() {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
}

}  // namespace

int main(int argc, char** argv) {
  PreferPassiveOpenMpWaiting();
  storepulse::ingest::ExitCleanlyWhenAMappedFileFails();
  // Blocks of 1 MiB and more come straight from the kernel and go back to it when freed.
  // glibc otherwise raises this threshold as the program frees big blocks, and then keeps
  // the per-chunk buffers of a big read in its arenas after they are merged: at 100 M
  // rows that is gigabytes of peak memory held for nothing.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  CLI::App app{"storepulse: fast, self-contained e-commerce analytics", "storepulse"};
  app.set_version_flag("--version", STOREPULSE_VERSION);
  app.require_subcommand(1);
  int exit_code = storepulse::cli::kExitOk;
  storepulse::cli::RegisterProfileCommand(app, &exit_code);
  storepulse::cli::RegisterGenerateCommand(app, &exit_code);
  storepulse::cli::RegisterReportCommand(app, &exit_code);
  storepulse::cli::RegisterBatchCommand(app, &exit_code);
  storepulse::cli::RegisterTrainCommand(app, &exit_code);
  storepulse::cli::RegisterPredictCommand(app, &exit_code);
  storepulse::cli::RegisterForecastCommand(app, &exit_code);
  storepulse::cli::RegisterServeCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    fmt::print(stderr, "storepulse: error: {}\nRun with --help for the options.\n",
               error.what());
    return storepulse::cli::kExitBadInput;
  }
  return exit_code;
}
