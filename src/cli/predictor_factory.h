// Where `serve` gets its model: the one call into ml/'s loader, kept apart so that the
// command's wiring does not change when the loader does.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "ml/line_predictor.h"

namespace storepulse::cli {

// The line revenue model saved by `storepulse train` under `models_dir`.
Result<std::unique_ptr<ml::LinePredictor>> LoadServedPredictor(
    const std::string& models_dir);

}  // namespace storepulse::cli
