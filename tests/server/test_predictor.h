// A LinePredictor for the server tests, until ml/'s model is on this branch: revenue =
// quantity × unit price, rounded to the penny, with the range checks the interface
// documents (a copy for tests: ml::ValidateLineRequest is ml/'s). A request with
// quantity 777 takes kSlowMilliseconds, to hold a request in flight.
#pragma once

#include <chrono>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "ml/line_predictor.h"

namespace storepulse::testing {

inline constexpr double kSlowQuantity = 777;
inline constexpr int kSlowMilliseconds = 400;

inline Status ValidateTestLine(const ml::LineRequest& request, const std::string& where) {
  const auto bad = [&](const char* field, const std::string& what) {
    return Status::InvalidArgument(where + field + ": " + what);
  };
  if (!std::isfinite(request.quantity) || request.quantity <= 0 ||
      request.quantity > 1e9) {
    return bad("quantity", "must be a finite number > 0 and at most 1e9");
  }
  if (!std::isfinite(request.unit_price) || request.unit_price <= 0 ||
      request.unit_price > 1e9) {
    return bad("unit_price", "must be a finite number > 0 and at most 1e9");
  }
  if (request.hour < 0 || request.hour > 23) {
    return bad("hour", "must be 0-23, got " + std::to_string(request.hour));
  }
  if (request.day_of_week < 0 || request.day_of_week > 6) {
    return bad("day_of_week", "must be 0-6, got " + std::to_string(request.day_of_week));
  }
  if (request.month.has_value() && (*request.month < 1 || *request.month > 12)) {
    return bad("month", "must be 1-12, got " + std::to_string(*request.month));
  }
  return Status::Ok();
}

class TestLinePredictor final : public ml::LinePredictor {
 public:
  static constexpr int kDefaultMonth = 11;
  static constexpr const char* kDefaultCountry = "United Kingdom";

  Result<ml::LinePrediction> Predict(const ml::LineRequest& request) const override {
    SP_RETURN_IF_ERROR(ValidateTestLine(request, ""));
    if (request.quantity == kSlowQuantity) {
      std::this_thread::sleep_for(std::chrono::milliseconds(kSlowMilliseconds));
    }
    ml::LinePrediction prediction;
    prediction.predicted_revenue = Revenue(request);
    const std::string country = request.country.value_or(kDefaultCountry);
    prediction.input_features = {
        {"quantity", request.quantity, std::nullopt},
        {"unit_price", request.unit_price, std::nullopt},
        {"hour", static_cast<double>(request.hour), std::nullopt},
        {"day_of_week", static_cast<double>(request.day_of_week), std::nullopt},
        {"month", static_cast<double>(request.month.value_or(kDefaultMonth)),
         std::nullopt},
        {"country", country == "Atlantis" ? 0.0 : 1.0,
         country == "Atlantis" ? std::string("other") : country},
    };
    return prediction;
  }

  Result<std::vector<double>> PredictBatch(
      std::span<const ml::LineRequest> requests) const override {
    for (size_t i = 0; i < requests.size(); ++i) {
      SP_RETURN_IF_ERROR(
          ValidateTestLine(requests[i], "items[" + std::to_string(i) + "]."));
    }
    std::vector<double> predictions;
    predictions.reserve(requests.size());
    for (const ml::LineRequest& request : requests)
      predictions.push_back(Revenue(request));
    return predictions;
  }

  const std::string& model_version() const override { return version_; }

  static double Revenue(const ml::LineRequest& request) {
    return std::round(request.quantity * request.unit_price * 100) / 100;
  }

 private:
  std::string version_ = "line_revenue-test-0001";
};

}  // namespace storepulse::testing
