#include "ml/line_predictor.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include "ml/booster_training.h"
#include "ml/line_features.h"
#include "ml/line_model.h"
#include "ml/model_files.h"
#include "ml/xgboost_adapter.h"

namespace storepulse::ml {
namespace {

constexpr double kMaxAmount = 1e9;

Status CheckAmount(std::string_view field, double value) {
  if (!std::isfinite(value) || value <= 0 || value > kMaxAmount) {
    return Status::InvalidArgument(fmt::format(
        "{}: must be a number greater than 0 and at most 1e9, got {}", field, value));
  }
  return Status::Ok();
}

Status CheckRange(std::string_view field, int value, int low, int high,
                  std::string_view meaning) {
  if (value < low || value > high) {
    return Status::InvalidArgument(fmt::format("{}: must be {} to {} ({}), got {}", field,
                                               low, high, meaning, value));
  }
  return Status::Ok();
}

// Revenue in pounds to the penny; never below zero (a line cannot earn less than
// nothing, and a regression can dip under zero for the smallest lines).
double ToPennies(TargetTransform transform, float learnt) {
  const double pounds = std::max(0.0, InvertTransform(transform, learnt));
  return std::round(pounds * 100.0) / 100.0;
}

class XgbLinePredictor final : public LinePredictor {
 public:
  XgbLinePredictor(LineEncodings encodings, TargetTransform transform, XgbBooster single,
                   XgbBooster batch, std::string version)
      : encodings_(std::move(encodings)),
        transform_(transform),
        single_(std::move(single)),
        batch_(std::move(batch)),
        version_(std::move(version)) {}

  Result<LinePrediction> Predict(const LineRequest& request) const override {
    SP_RETURN_IF_ERROR(ValidateLineRequest(request));
    std::array<float, kLineFeatureCount> features;
    EncodeLineFeatures(request, encodings_, features);
    SP_ASSIGN_OR_RETURN(const float value, single_.PredictRow(features));
    LinePrediction prediction;
    prediction.predicted_revenue = ToPennies(transform_, value);
    prediction.input_features = DescribeLineFeatures(request, encodings_);
    return prediction;
  }

  Result<std::vector<double>> PredictBatch(
      std::span<const LineRequest> requests) const override {
    for (size_t i = 0; i < requests.size(); ++i) {
      const Status valid = ValidateLineRequest(requests[i]);
      if (!valid.ok()) {
        return Status::InvalidArgument(fmt::format("items[{}].{}", i, valid.message()));
      }
    }
    DenseMatrix features(requests.size(), kLineFeatureCount);
    for (size_t i = 0; i < requests.size(); ++i) {
      EncodeLineFeatures(requests[i], encodings_, features.Row(i));
    }
    std::vector<float> values(requests.size());
    SP_RETURN_IF_ERROR(batch_.Predict(features, values));
    std::vector<double> revenue(values.size());
    for (size_t i = 0; i < values.size(); ++i)
      revenue[i] = ToPennies(transform_, values[i]);
    return revenue;
  }

  const std::string& model_version() const override { return version_; }

 private:
  const LineEncodings encodings_;
  const TargetTransform transform_;  // what the booster learnt: revenue or log1p of it
  // One row at a time on the caller's thread (no OpenMP fan-out for a single row);
  // batches on every core.
  const XgbBooster single_;
  const XgbBooster batch_;
  const std::string version_;
};

}  // namespace

Status ValidateLineRequest(const LineRequest& request) {
  SP_RETURN_IF_ERROR(CheckAmount("quantity", request.quantity));
  SP_RETURN_IF_ERROR(CheckAmount("unit_price", request.unit_price));
  SP_RETURN_IF_ERROR(CheckRange("hour", request.hour, 0, 23, "hour of the day"));
  SP_RETURN_IF_ERROR(
      CheckRange("day_of_week", request.day_of_week, 0, 6, "Monday = 0 ... Sunday = 6"));
  if (request.month.has_value()) {
    SP_RETURN_IF_ERROR(CheckRange("month", *request.month, 1, 12, "January = 1"));
  }
  return Status::Ok();
}

Result<std::unique_ptr<LinePredictor>> LoadLinePredictor(const std::string& models_dir) {
  std::vector<std::string_view> names(kLineFeatureNames.begin(), kLineFeatureNames.end());
  SP_ASSIGN_OR_RETURN(LoadedModel model,
                      LoadModelFiles(models_dir, kLineModelKind, names));
  const std::string meta_path = MetadataPath(models_dir, kLineModelKind);
  if (model.booster_json.size() != 1) {
    return Status::Corruption(fmt::format("{}: expected one booster, found {}", meta_path,
                                          model.booster_json.size()));
  }
  auto encodings = LineEncodings::FromJson(model.metadata.encodings);
  if (!encodings.ok()) {
    return Status::Corruption(
        fmt::format("{}: {}", meta_path, encodings.status().message()));
  }
  const auto transform_name = model.metadata.parameters.find("target_transform");
  if (transform_name == model.metadata.parameters.end() || !transform_name->is_string()) {
    return Status::Corruption(
        fmt::format("{}: parameters.target_transform is missing", meta_path));
  }
  auto transform = ParseTargetTransform(transform_name->get<std::string>());
  if (!transform.ok()) {
    return Status::Corruption(
        fmt::format("{}: {}", meta_path, transform.status().message()));
  }
  const std::string& json = model.booster_json.front();
  const std::string what = model.metadata.boosters.front().file;
  SP_ASSIGN_OR_RETURN(XgbBooster single, XgbBooster::Load(json, /*nthread=*/1, what));
  SP_ASSIGN_OR_RETURN(XgbBooster batch, XgbBooster::Load(json, /*nthread=*/0, what));
  SP_ASSIGN_OR_RETURN(const size_t trained_features, single.NumFeatures());
  if (trained_features != kLineFeatureCount) {
    return Status::InvalidArgument(
        fmt::format("{}: the booster was trained on {} features, this storepulse "
                    "computes {}: retrain "
                    "with `storepulse train`",
                    what, trained_features, kLineFeatureCount));
  }
  return std::unique_ptr<LinePredictor>(std::make_unique<XgbLinePredictor>(
      std::move(encodings).value(), *transform, std::move(single), std::move(batch),
      model.metadata.model_version));
}

}  // namespace storepulse::ml
