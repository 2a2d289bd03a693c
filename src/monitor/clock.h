// monitor::Clock: the seam for "what time is it" (uptime, timestamps), passed in by the
// caller so that tests can set the time. Latency measurements use steady_clock
// directly: they need no seam and must cost nothing.
#pragma once

#include <chrono>

namespace storepulse::monitor {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic time: for durations such as uptime.
  virtual std::chrono::steady_clock::time_point SteadyNow() const = 0;
  // Wall-clock time: for timestamps shown to people.
  virtual std::chrono::system_clock::time_point WallNow() const = 0;
};

// The real clocks.
class SystemClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point SteadyNow() const override {
    return std::chrono::steady_clock::now();
  }
  std::chrono::system_clock::time_point WallNow() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace storepulse::monitor
