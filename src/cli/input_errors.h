// One place that turns a Status into the user's message and exit status: problems with
// the user's input (missing or malformed file, bad value) exit 2, others 1.
#pragma once

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/status.h"

namespace storepulse::cli {

inline int ReportInputError(const Status& status) {
  fmt::print(stderr, "storepulse: error: {}\n", status.message());
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kCorruption:
    case StatusCode::kOutOfRange:
    case StatusCode::kIOError:
      return kExitBadInput;
    default:
      return kExitFailure;
  }
}

}  // namespace storepulse::cli
