// Placeholder until the synth layer lands (being written now).
#include "cli/commands.h"

namespace storepulse::cli {
void RegisterGenerateCommand(CLI::App&, int*) {}
}  // namespace storepulse::cli
