// The prototype's /predict response for a LinePrediction, shared by `storepulse predict`
// and the HTTP server so that both answer alike:
//   {"predicted_revenue": 46.5,
//    "input_features": {"quantity": 3, "unit_price": 15.5, ..., "country": "United
//                       Kingdom", "price_band": ">=10", "quantity_band": "2-6"},
//    "model_version": "line_revenue-20240501T120000Z-ab12cd34",
//    "status": "success"}
// Categorical features show their label (the category, or "other"), the rest their
// value (integers without decimals).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "ml/line_predictor.h"

namespace storepulse::ml {

nlohmann::ordered_json LinePredictionJson(const LinePrediction& prediction,
                                          const std::string& model_version);

}  // namespace storepulse::ml
