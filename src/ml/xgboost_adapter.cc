#include "ml/xgboost_adapter.h"

#include <fmt/format.h>
#include <xgboost/c_api.h>

#include <cassert>
#include <cmath>
#include <cstdint>

#include "core/shared_library.h"

namespace storepulse::ml {
namespace {

// Prediction options: normal values, all trees; "missing" NaN is what DenseMatrix uses
// (XGBoost's JSON reader takes NaN as a number); XGBoost 1.7 requires "cache_id": 0.
constexpr char kPredictConfig[] =
    R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false, "missing": NaN, "cache_id": 0})";

// numpy's __array_interface__ of a row-major float32 matrix at `values`.
std::string ArrayInterface(const float* values, size_t rows, size_t cols) {
  return fmt::format(
      R"({{"data": [{}, true], "shape": [{}, {}], "typestr": "<f4", "version": 3}})",
      reinterpret_cast<uintptr_t>(values), rows, cols);
}

// The XGBoost C API functions used here, resolved in libxgboost when first needed (only
// train, predict, forecast and serve need it; see core/shared_library.h), listed once:
// XgbApi has a member of each one's name and exact type, LoadXgbApi fills them all.
#define SP_XGB_FUNCTIONS(X)       \
  X(XGBGetLastError)              \
  X(XGDMatrixCreateFromMat_omp)   \
  X(XGDMatrixSetFloatInfo)        \
  X(XGDMatrixFree)                \
  X(XGBoosterCreate)              \
  X(XGBoosterFree)                \
  X(XGBoosterLoadModelFromBuffer) \
  X(XGBoosterSaveModelToBuffer)   \
  X(XGBoosterSetParam)            \
  X(XGBoosterUpdateOneIter)       \
  X(XGBoosterPredictFromDense)    \
  X(XGBoosterGetNumFeature)

struct XgbApi {
#define SP_XGB_MEMBER(name) decltype(&::name) name = nullptr;
  SP_XGB_FUNCTIONS(SP_XGB_MEMBER)
#undef SP_XGB_MEMBER
};

template <typename Fn>
Status Resolve(const SharedLibrary& library, const char* name, Fn** function) {
  SP_ASSIGN_OR_RETURN(*function, library.Function<Fn>(name));
  return Status::Ok();
}

Result<XgbApi> LoadXgbApi() {
  SP_ASSIGN_OR_RETURN(const SharedLibrary library,
                      SharedLibrary::Open("libxgboost.so.0"));
  XgbApi api;
#define SP_XGB_RESOLVE(name) SP_RETURN_IF_ERROR(Resolve(library, #name, &api.name));
  SP_XGB_FUNCTIONS(SP_XGB_RESOLVE)
#undef SP_XGB_RESOLVE
  return api;
}
#undef SP_XGB_FUNCTIONS

// Loaded once per process, on first use, thread-safely; never changes afterwards.
Result<const XgbApi*> Xgb() {
  static const Result<XgbApi> api = LoadXgbApi();
  if (!api.ok()) {
    return Status::Internal(fmt::format("XGBoost: {}", api.status().message()));
  }
  return &*api;
}

// For handles that exist: their existence proves the API loaded.
const XgbApi& LoadedXgb() {
  auto api = Xgb();
  assert(api.ok());
  return **api;
}

}  // namespace

Status XgbStatus(int rc, std::string_view what) {
  if (rc == 0) return Status::Ok();
  const char* message = LoadedXgb().XGBGetLastError();
  return Status::Internal(fmt::format("XGBoost, {}: {}", what,
                                      message != nullptr ? message : "unknown error"));
}

DenseMatrix DenseMatrix::Select(std::span<const size_t> indices) const {
  DenseMatrix selected(indices.size(), cols);
  for (size_t i = 0; i < indices.size(); ++i) {
    const std::span<const float> from = Row(indices[i]);
    std::copy(from.begin(), from.end(), selected.Row(i).begin());
  }
  return selected;
}

Result<XgbDMatrix> XgbDMatrix::Create(const DenseMatrix& features,
                                      std::span<const float> labels, int nthread) {
  if (labels.size() != features.rows) {
    return Status::Internal(
        fmt::format("{} labels for {} rows", labels.size(), features.rows));
  }
  SP_ASSIGN_OR_RETURN(const XgbApi* xgb, Xgb());
  DMatrixHandle handle = nullptr;
  SP_RETURN_IF_ERROR(XgbStatus(
      xgb->XGDMatrixCreateFromMat_omp(features.values.data(), features.rows,
                                      features.cols, std::nanf(""), &handle, nthread),
      "creating the training matrix"));
  XgbDMatrix matrix(handle);
  SP_RETURN_IF_ERROR(
      XgbStatus(xgb->XGDMatrixSetFloatInfo(handle, "label", labels.data(), labels.size()),
                "setting the labels"));
  return matrix;
}

XgbDMatrix& XgbDMatrix::operator=(XgbDMatrix&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) LoadedXgb().XGDMatrixFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

XgbDMatrix::~XgbDMatrix() {
  if (handle_ != nullptr) LoadedXgb().XGDMatrixFree(handle_);
}

Result<XgbBooster> XgbBooster::Create(const XgbDMatrix& train, const Params& params) {
  SP_ASSIGN_OR_RETURN(const XgbApi* xgb, Xgb());
  BoosterHandle handle = nullptr;
  DMatrixHandle matrices[] = {train.handle()};
  SP_RETURN_IF_ERROR(
      XgbStatus(xgb->XGBoosterCreate(matrices, 1, &handle), "creating a booster"));
  XgbBooster booster(handle);
  for (const auto& [name, value] : params) {
    SP_RETURN_IF_ERROR(booster.SetParam(name, value));
  }
  return booster;
}

Result<XgbBooster> XgbBooster::Load(std::string_view json, int nthread,
                                    std::string_view what) {
  SP_ASSIGN_OR_RETURN(const XgbApi* xgb, Xgb());
  BoosterHandle handle = nullptr;
  SP_RETURN_IF_ERROR(
      XgbStatus(xgb->XGBoosterCreate(nullptr, 0, &handle), "creating a booster"));
  XgbBooster booster(handle);
  const Status loaded =
      XgbStatus(xgb->XGBoosterLoadModelFromBuffer(handle, json.data(), json.size()),
                fmt::format("reading {}", what));
  if (!loaded.ok()) return Status::Corruption(loaded.message());
  SP_RETURN_IF_ERROR(booster.SetParam("nthread", std::to_string(nthread)));
  SP_ASSIGN_OR_RETURN(const size_t features, booster.NumFeatures());
  // The warm-up: XGBoost configures the learner on its first prediction, which must not
  // race with another thread's.
  std::vector<float> zeros(features, 0.0f);
  SP_RETURN_IF_ERROR(booster.PredictRow(zeros).status());
  return booster;
}

XgbBooster& XgbBooster::operator=(XgbBooster&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) LoadedXgb().XGBoosterFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

XgbBooster::~XgbBooster() {
  if (handle_ != nullptr) LoadedXgb().XGBoosterFree(handle_);
}

Status XgbBooster::SetParam(const std::string& name, const std::string& value) {
  return XgbStatus(LoadedXgb().XGBoosterSetParam(handle_, name.c_str(), value.c_str()),
                   fmt::format("setting {}={}", name, value));
}

Status XgbBooster::UpdateOneIter(int iteration, const XgbDMatrix& train) {
  return XgbStatus(LoadedXgb().XGBoosterUpdateOneIter(handle_, iteration, train.handle()),
                   fmt::format("training round {}", iteration + 1));
}

Status XgbBooster::PredictDense(const float* values, size_t rows, size_t cols,
                                std::span<float> out) const {
  if (out.size() != rows) {
    return Status::Internal(fmt::format("{} outputs for {} rows", out.size(), rows));
  }
  if (rows == 0) return Status::Ok();
  const std::string array = ArrayInterface(values, rows, cols);
  const bst_ulong* shape = nullptr;
  bst_ulong dimensions = 0;
  const float* result = nullptr;
  SP_RETURN_IF_ERROR(XgbStatus(
      LoadedXgb().XGBoosterPredictFromDense(handle_, array.c_str(), kPredictConfig,
                                            nullptr, &shape, &dimensions, &result),
      "predicting"));
  // A regression model gives one value per row; anything else is not our model.
  bst_ulong total = dimensions == 0 ? 0 : 1;
  for (bst_ulong i = 0; i < dimensions; ++i) total *= shape[i];
  if (total != rows) {
    return Status::Internal(
        fmt::format("XGBoost gave {} predictions for {} rows", total, rows));
  }
  std::copy(result, result + rows, out.begin());
  return Status::Ok();
}

Status XgbBooster::Predict(const DenseMatrix& features, std::span<float> out) const {
  return PredictDense(features.values.data(), features.rows, features.cols, out);
}

Result<float> XgbBooster::PredictRow(std::span<const float> row) const {
  float value = 0;
  SP_RETURN_IF_ERROR(PredictDense(row.data(), 1, row.size(), {&value, 1}));
  return value;
}

Result<std::vector<float>> XgbBooster::Predict(const DenseMatrix& features) const {
  std::vector<float> out(features.rows);
  SP_RETURN_IF_ERROR(Predict(features, out));
  return out;
}

Result<std::string> XgbBooster::SaveJson() const {
  bst_ulong length = 0;
  const char* data = nullptr;
  SP_RETURN_IF_ERROR(XgbStatus(LoadedXgb().XGBoosterSaveModelToBuffer(
                                   handle_, R"({"format": "json"})", &length, &data),
                               "saving the model"));
  return std::string(data, length);
}

Result<size_t> XgbBooster::NumFeatures() const {
  bst_ulong features = 0;
  SP_RETURN_IF_ERROR(XgbStatus(LoadedXgb().XGBoosterGetNumFeature(handle_, &features),
                               "reading the feature count"));
  return static_cast<size_t>(features);
}

}  // namespace storepulse::ml
