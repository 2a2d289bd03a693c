// Runs the storepulse binary the way a user does and captures what it printed.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace storepulse::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// `arguments` go through the shell: quote paths with spaces. `environment` ("NAME=value
// ...") is set for this run only.
inline CliRun RunCliWithEnvironment(const std::string& environment,
                                    const std::string& arguments) {
  const std::string command = "env " + environment + " " +
                              std::string(STOREPULSE_BINARY) + " " + arguments + " 2>&1";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

inline CliRun RunCli(const std::string& arguments) {
  return RunCliWithEnvironment("", arguments);
}

}  // namespace storepulse::testing
