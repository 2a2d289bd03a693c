// What the server loads after it starts listening (the model, the warehouse data), and
// how far it got: published once, then read by every request without a lock.
//
// Thread safety: Publish* and Fail* from the loading thread, the rest from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ml/line_predictor.h"
#include "server/report_cache.h"
#include "server/warehouse_data.h"

namespace storepulse::server {

class ServiceState {
 public:
  // `model_configured` / `warehouse_configured`: whether anything is to be loaded at all
  // (serve --models, --warehouse); /ready waits only for what is configured.
  ServiceState(bool model_configured, bool warehouse_configured)
      : model_configured_(model_configured),
        warehouse_configured_(warehouse_configured) {}

  bool model_configured() const { return model_configured_; }
  bool warehouse_configured() const { return warehouse_configured_; }

  // nullptr until loaded.
  const ml::LinePredictor* predictor() const {
    return predictor_.load(std::memory_order_acquire);
  }
  WarehouseData* warehouse() const { return warehouse_.load(std::memory_order_acquire); }
  ReportCache* reports() const { return reports_.load(std::memory_order_acquire); }

  // Takes ownership and makes them visible to requests.
  void PublishPredictor(std::unique_ptr<ml::LinePredictor> predictor);
  void PublishWarehouse(std::unique_ptr<WarehouseData> data);
  // Records why loading failed (shown by /health and /ready).
  void FailPredictor(const Status& status);
  void FailWarehouse(const Status& status);
  // The load error, if any ("" when none).
  std::string predictor_error() const;
  std::string warehouse_error() const;

  // Everything configured is loaded.
  bool ready() const {
    return (!model_configured_ || predictor() != nullptr) &&
           (!warehouse_configured_ || warehouse() != nullptr);
  }

 private:
  const bool model_configured_;
  const bool warehouse_configured_;
  // Owners; written once by the loading thread before the pointers below are published.
  std::unique_ptr<ml::LinePredictor> owned_predictor_;
  std::unique_ptr<WarehouseData> owned_warehouse_;
  std::unique_ptr<ReportCache> owned_reports_;
  std::atomic<const ml::LinePredictor*> predictor_{nullptr};
  std::atomic<WarehouseData*> warehouse_{nullptr};
  std::atomic<ReportCache*> reports_{nullptr};
  mutable std::mutex mutex_;
  std::string predictor_error_;  // guarded by mutex_
  std::string warehouse_error_;  // guarded by mutex_
};

}  // namespace storepulse::server
