#include "ml/line_prediction_json.h"

#include <cmath>

namespace storepulse::ml {

nlohmann::ordered_json LinePredictionJson(const LinePrediction& prediction,
                                          const std::string& model_version) {
  nlohmann::ordered_json features = nlohmann::ordered_json::object();
  for (const FeatureValue& feature : prediction.input_features) {
    if (feature.label.has_value()) {
      features[feature.name] = *feature.label;
    } else if (feature.value == std::trunc(feature.value) &&
               std::abs(feature.value) < 1e15) {
      features[feature.name] = static_cast<int64_t>(feature.value);
    } else {
      features[feature.name] = feature.value;
    }
  }
  return {{"predicted_revenue", prediction.predicted_revenue},
          {"input_features", features},
          {"model_version", model_version},
          {"status", "success"}};
}

}  // namespace storepulse::ml
