// Runs `storepulse serve` as a child process for a test: the port it listens on, its
// log, signals and exit status.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <thread>

#include "test_util.h"

namespace storepulse::testing {

// A `storepulse serve` child process; its stderr goes to a file in `dir`.
class ServeProcess {
 public:
  ServeProcess(const TempDir& dir, const std::string& arguments)
      : log_((dir.path() / "serve.log").string()) {
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, STDERR_FILENO);
      ::dup2(fd, STDOUT_FILENO);
      const std::string command =
          std::string("exec ") + STOREPULSE_BINARY + " serve " + arguments;
      ::execl("/bin/sh", "sh", "-c", command.c_str(), nullptr);
      ::_exit(127);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0 && exit_code_ == -2) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  // The port from "listening on http://host:PORT", waiting up to 10 s; 0 if none.
  int WaitForPort() {
    constexpr std::string_view kListening = "listening on http://";
    for (int i = 0; i < 1000; ++i) {
      const std::string text = log();
      const size_t at = text.find(kListening);
      const size_t colon =
          at == std::string::npos ? at : text.find(':', at + kListening.size());
      if (colon != std::string::npos) {
        int port = 0;
        size_t digit = colon + 1;
        for (; digit < text.size() && text[digit] >= '0' && text[digit] <= '9'; ++digit) {
          port = port * 10 + (text[digit] - '0');
        }
        if (digit > colon + 1) return port;
      }
      if (Exited()) return 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return 0;
  }
  bool Exited() {
    if (exit_code_ != -2) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return true;
    }
    return false;
  }
  // Waits up to 10 s for the exit; its code, or -1 when killed or still running.
  int WaitForExit() {
    for (int i = 0; i < 1000 && !Exited(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return Exited() ? exit_code_ : -1;
  }
  void Signal(int signal_number) { ::kill(pid_, signal_number); }
  std::string log() const { return ReadWholeFile(log_); }

 private:
  std::string log_;
  pid_t pid_ = -1;
  int exit_code_ = -2;  // -2: running
};

}  // namespace storepulse::testing
