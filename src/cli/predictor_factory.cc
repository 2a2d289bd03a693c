#include "cli/predictor_factory.h"

namespace storepulse::cli {

Result<std::unique_ptr<ml::LinePredictor>> LoadServedPredictor(
    const std::string& models_dir) {
  // TODO(ml merge): return ml::LoadLinePredictor(models_dir); once the ml branch, which
  // implements it, is on main. Until then this build has no model loader.
  return Status::NotFound("--models " + models_dir +
                          ": this build cannot load models yet (ml::LoadLinePredictor "
                          "is not implemented on this branch)");
}

}  // namespace storepulse::cli
