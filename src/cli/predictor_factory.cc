#include "cli/predictor_factory.h"

namespace storepulse::cli {

Result<std::unique_ptr<ml::LinePredictor>> LoadServedPredictor(
    const std::string& models_dir) {
  return ml::LoadLinePredictor(models_dir);
}

}  // namespace storepulse::cli
