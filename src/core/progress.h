// A way for long work below the CLI to report how far it got, without knowing about
// terminals. Callers that do not care pass an empty function.
#pragma once

#include <cstdint>
#include <functional>

namespace storepulse {

// Called with (done, total) in the work's own unit (bytes, rows). May be called from any
// worker thread, but never from two threads at once.
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

}  // namespace storepulse
