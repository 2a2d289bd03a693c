// JSON in and out of the prediction routes: the prototype's request object into an
// ml::LineRequest (types and presence checked here, naming the field; ranges are
// ml::ValidateLineRequest's, applied by the predictor), and the batch answer out. The
// single answer is ml::LinePredictionJson, shared with `storepulse predict`.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "ml/line_predictor.h"

namespace storepulse::server {

// The most items one POST /predict/batch may carry.
inline constexpr size_t kMaxBatchItems = 10'000;

// Parses a request body as JSON. InvalidArgument "invalid JSON at byte N: ..." naming
// the position otherwise.
Result<nlohmann::json> ParseJsonBody(std::string_view body);

// {"quantity": 3, "unit_price": 15.5, "hour": 14, "day_of_week": 2, "month": 6,
//  "country": "United Kingdom"} → LineRequest. quantity, unit_price, hour and
// day_of_week are required; month and country may be absent or null (the model's
// defaults then apply); other fields are ignored. InvalidArgument naming the field
// (prefixed by `where`, e.g. "items[3].") when one is missing or of the wrong type, or
// an hour, weekday or month is not a whole number.
Result<ml::LineRequest> DecodeLineRequest(const nlohmann::json& json,
                                          std::string_view where = "");

// {"items": [request, ...]}: at most kMaxBatchItems.
Result<std::vector<ml::LineRequest>> DecodeBatchRequest(const nlohmann::json& json);

// {"predictions": [...], "count": n, "status": "success", "model_version": "..."}.
std::string EncodeBatchPredictions(const std::vector<double>& predictions,
                                   std::string_view model_version);

}  // namespace storepulse::server
