// Each storepulse subcommand adds itself to the CLI11 app here. A command's callback
// stores the process exit status in *exit_code: 0 success, 1 failure while working,
// 2 bad input or options (the message names the option, file or place).
#pragma once

#include <CLI/CLI.hpp>

namespace storepulse::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

void RegisterProfileCommand(CLI::App& app, int* exit_code);
void RegisterGenerateCommand(CLI::App& app, int* exit_code);
void RegisterReportCommand(CLI::App& app, int* exit_code);
void RegisterBatchCommand(CLI::App& app, int* exit_code);
void RegisterTrainCommand(CLI::App& app, int* exit_code);
void RegisterPredictCommand(CLI::App& app, int* exit_code);
void RegisterForecastCommand(CLI::App& app, int* exit_code);
void RegisterServeCommand(CLI::App& app, int* exit_code);

}  // namespace storepulse::cli
