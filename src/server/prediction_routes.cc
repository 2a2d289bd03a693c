// POST /predict and POST /predict/batch: the prototype's contract, validated.
#include <fmt/format.h>

#include "ml/line_prediction_json.h"
#include "server/prediction_codec.h"
#include "server/routes.h"

namespace storepulse::server {

namespace {

// The request is decoded before the model is looked for: a malformed request is the
// client's to fix whether or not a model is loaded.
HttpResponse Predict(const RouteContext& context, const HttpRequest& request) {
  auto json = ParseJsonBody(request.body);
  if (!json.ok()) return StatusResponse(json.status());
  auto line = DecodeLineRequest(*json);
  if (!line.ok()) return StatusResponse(line.status());
  const ml::LinePredictor* predictor = context.state->predictor();
  if (predictor == nullptr) return ModelUnavailable(*context.state);
  auto prediction = predictor->Predict(*line);
  if (!prediction.ok()) return StatusResponse(prediction.status());
  context.metrics->predictions.WithLabels({"predict"}).Increment();
  return JsonResponse(ml::LinePredictionJson(*prediction, predictor->model_version()));
}

HttpResponse PredictBatch(const RouteContext& context, const HttpRequest& request) {
  auto json = ParseJsonBody(request.body);
  if (!json.ok()) return StatusResponse(json.status());
  auto lines = DecodeBatchRequest(*json);
  if (!lines.ok()) return StatusResponse(lines.status());
  const ml::LinePredictor* predictor = context.state->predictor();
  if (predictor == nullptr) return ModelUnavailable(*context.state);
  auto predictions = predictor->PredictBatch(*lines);
  if (!predictions.ok()) return StatusResponse(predictions.status());
  context.metrics->predictions.WithLabels({"predict_batch"})
      .Increment(predictions->size());
  return RawJsonResponse(
      EncodeBatchPredictions(*predictions, predictor->model_version()));
}

}  // namespace

HttpResponse ModelUnavailable(const ServiceState& state) {
  if (!state.model_configured()) {
    return ErrorResponse(503,
                         "no model: start serve with --models DIR (written by storepulse "
                         "train)");
  }
  const std::string error = state.predictor_error();
  if (!error.empty()) return ErrorResponse(503, "the model failed to load: " + error);
  return ErrorResponse(503, "the model is still loading: try again shortly");
}

void AddPredictionRoutes(const RouteContext& context, RouteTable& routes) {
  routes.Add(
      {"POST", "/predict",
       "One line's revenue: {\"quantity\", \"unit_price\", \"hour\" 0-23, "
       "\"day_of_week\" 0-6 (Monday 0), optional \"month\" 1-12 and \"country\"}",
       [context](const HttpRequest& request) { return Predict(context, request); }});
  routes.Add(
      {"POST", "/predict/batch",
       fmt::format("Many lines at once: {{\"items\": [up to {} requests as for "
                   "/predict]}}",
                   kMaxBatchItems),
       [context](const HttpRequest& request) { return PredictBatch(context, request); }});
}

}  // namespace storepulse::server
