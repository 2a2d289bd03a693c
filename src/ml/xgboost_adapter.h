// The one place storepulse talks to XGBoost (its C API, Debian's libxgboost-dev 1.7):
// RAII owners of its handles whose every call is checked and turned into a Status with
// XGBoost's own message. Nothing above ml/ sees an XGBoost type. Internal to ml/.
//
// Thread safety: a trained or loaded Booster predicts on many threads at once (XGBoost
// >= 1.4 keeps prediction buffers per thread for tree models), provided nothing changes
// its parameters meanwhile and one prediction ran before it is shared (XGBoost
// configures a booster lazily on first use; Load does that warm-up).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace storepulse::ml {

// A row-major matrix of features: what every model of ml/ takes. NaN is "missing".
struct DenseMatrix {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<float> values;  // rows * cols

  DenseMatrix() = default;
  DenseMatrix(size_t row_count, size_t col_count)
      : rows(row_count), cols(col_count), values(row_count * col_count) {}
  std::span<float> Row(size_t row) { return {values.data() + row * cols, cols}; }
  std::span<const float> Row(size_t row) const {
    return {values.data() + row * cols, cols};
  }
  // The rows of `indices`, in that order.
  DenseMatrix Select(std::span<const size_t> indices) const;
};

// Training data in XGBoost's own form: features and labels.
class XgbDMatrix {
 public:
  // Copies `features` and `labels` (one per row). `nthread` threads build it (0: all).
  static Result<XgbDMatrix> Create(const DenseMatrix& features,
                                   std::span<const float> labels, int nthread);
  XgbDMatrix(XgbDMatrix&& other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)) {}
  XgbDMatrix& operator=(XgbDMatrix&& other) noexcept;
  XgbDMatrix(const XgbDMatrix&) = delete;
  XgbDMatrix& operator=(const XgbDMatrix&) = delete;
  ~XgbDMatrix();

  void* handle() const { return handle_; }

 private:
  explicit XgbDMatrix(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

class XgbBooster {
 public:
  using Params = std::vector<std::pair<std::string, std::string>>;

  // A new booster to train on `train` with `params` (XGBoost's names and values).
  static Result<XgbBooster> Create(const XgbDMatrix& train, const Params& params);
  // A booster read from XGBoost JSON (`json` as SaveJson wrote it; `what` names it in
  // errors), predicting on `nthread` threads, warmed up for concurrent use.
  // Corruption when XGBoost cannot read it.
  static Result<XgbBooster> Load(std::string_view json, int nthread,
                                 std::string_view what);

  // An empty booster, to assign a trained or loaded one to. REQUIRES for every other
  // member: a booster from Create or Load.
  XgbBooster() = default;
  XgbBooster(XgbBooster&& other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)) {}
  XgbBooster& operator=(XgbBooster&& other) noexcept;
  XgbBooster(const XgbBooster&) = delete;
  XgbBooster& operator=(const XgbBooster&) = delete;
  ~XgbBooster();

  // One boosting round (in random-forest mode: the whole forest).
  Status UpdateOneIter(int iteration, const XgbDMatrix& train);
  Status SetParam(const std::string& name, const std::string& value);

  // Predictions for every row of `features`, in place (no DMatrix is built): the fast
  // path for one row and for batches. `out` must hold features.rows values.
  Status Predict(const DenseMatrix& features, std::span<float> out) const;
  // The same for one row given as a span (no copy into a DenseMatrix).
  Result<float> PredictRow(std::span<const float> row) const;
  Result<std::vector<float>> Predict(const DenseMatrix& features) const;

  // The model as XGBoost JSON (the format XGBoosterSaveModel writes to a .json file).
  Result<std::string> SaveJson() const;
  // The number of features the model was trained on.
  Result<size_t> NumFeatures() const;

 private:
  explicit XgbBooster(void* handle) : handle_(handle) {}
  Status PredictDense(const float* values, size_t rows, size_t cols,
                      std::span<float> out) const;
  void* handle_ = nullptr;
};

// The Status for an XGBoost call that returned `rc` while doing `what`: OK for 0,
// otherwise Internal with XGBoost's last error message.
Status XgbStatus(int rc, std::string_view what);

}  // namespace storepulse::ml
