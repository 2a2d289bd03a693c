// A one-line progress bar on stderr, drawn only when stderr is a terminal (quiet in CI,
// pipes and files). Thread-compatible: one caller updates it at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/progress.h"

namespace storepulse::cli {

class ProgressBar {
 public:
  // `unit` names what is counted ("rows", "MB").
  ProgressBar(std::string label, std::string unit);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void Update(uint64_t done, uint64_t total);
  // Clears the line.
  void Finish();
  // A ProgressFn that updates this bar; the bar must outlive it.
  ProgressFn AsCallback();

  bool enabled() const { return enabled_; }

 private:
  std::string label_;
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace storepulse::cli
