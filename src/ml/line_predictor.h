// ml::LinePredictor: the prototype's "predict order revenue" model, served. The seam
// between ml/ (which trains and saves it) and its callers (server/, cli/, stream/): they
// see this header only, never XGBoost.
//
// Thread safety: a loaded LinePredictor is immutable; Predict and PredictBatch may run
// on many threads at once.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace storepulse::ml {

// One request, in the prototype's terms. quantity and unit_price are required;
// month (1-12) and country are optional, with the defaults documented in
// LinePredictor::Predict.
struct LineRequest {
  double quantity = 0;
  double unit_price = 0;
  int hour = 0;         // 0-23
  int day_of_week = 0;  // 0-6, Monday = 0 (as pandas' dayofweek)
  std::optional<int> month;
  std::optional<std::string> country;
};

// The feature values the model saw for a request (the prototype's `input_features`),
// as (name, value) pairs in the model's feature order. Categories are given as the
// names the request used, with "other" for a value the model never saw in training.
struct FeatureValue {
  std::string name;
  double value = 0;                  // the encoded value the model used
  std::optional<std::string> label;  // for categorical features: the category name
};

struct LinePrediction {
  double predicted_revenue = 0;  // in pounds, rounded to the penny
  std::vector<FeatureValue> input_features;
};

// InvalidArgument naming the field when a request is out of range: quantity and
// unit_price must be finite and > 0 (and at most 1e9), hour 0-23, day_of_week 0-6,
// month 1-12. An unknown country is not an error: it is encoded as "other".
Status ValidateLineRequest(const LineRequest& request);

class LinePredictor {
 public:
  virtual ~LinePredictor() = default;

  // Predicts one line's revenue. Defaults when absent: month = the month most frequent
  // in the training data, country = the most frequent country in the training data
  // (both recorded in the model's metadata). Errors: ValidateLineRequest's.
  virtual Result<LinePrediction> Predict(const LineRequest& request) const = 0;

  // Predicts many lines at once (one XGBoost call, much faster per line than Predict).
  // Validates every request first: the first invalid one fails the whole batch with
  // InvalidArgument naming its index ("items[3].hour: ...") and nothing is predicted.
  virtual Result<std::vector<double>> PredictBatch(
      std::span<const LineRequest> requests) const = 0;

  // "line_revenue-<trained_at>-<hash prefix>": names the model in responses and logs.
  virtual const std::string& model_version() const = 0;
};

// Loads the line revenue model saved by `storepulse train` under `models_dir` (its
// XGBoost JSON and metadata JSON), checking that the metadata's feature list is the one
// this build computes. Errors: NotFound when the files are missing (the message says to
// run `storepulse train`), Corruption when they do not parse, InvalidArgument when the
// features do not match (naming the first difference).
Result<std::unique_ptr<LinePredictor>> LoadLinePredictor(const std::string& models_dir);

}  // namespace storepulse::ml
