// What the server loads after it starts listening (the model, the warehouse data), and
// how far it got. The model is published once; the warehouse data again whenever a
// newer batch run or model lands (Server's refresh). Requests read both without a lock.
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
  // The warehouse data and the cache of answers rendered from it, nullptr until loaded.
  // A request keeps what it got alive to its end, even when newer data is published
  // meanwhile: the older data goes when the last request using it is done.
  std::shared_ptr<WarehouseData> warehouse() const;
  std::shared_ptr<ReportCache> reports() const;
  const ReportCacheCounters& report_cache_counters() const { return cache_counters_; }

  // Takes ownership and makes them visible to requests; the warehouse data replaces
  // what was published before, with a cache of its own, and clears the warehouse error.
  void PublishPredictor(std::unique_ptr<ml::LinePredictor> predictor);
  void PublishWarehouse(std::unique_ptr<WarehouseData> data);
  // Records why loading (or reloading) failed, shown by /health and /ready; data loaded
  // before stays served.
  void FailPredictor(const Status& status);
  void FailWarehouse(const Status& status);
  // The warehouse is reachable again and what it holds is what is served.
  void ClearWarehouseError();
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
  // One published warehouse load and its answers.
  struct WarehouseGeneration {
    std::unique_ptr<WarehouseData> data;
    std::unique_ptr<ReportCache> reports;  // of `data`
  };

  // `member` of the published generation, keeping the generation alive; nullptr if none.
  template <typename T>
  std::shared_ptr<T> OfGeneration(std::unique_ptr<T> WarehouseGeneration::*member) const;

  // Owner; written once by the loading thread before the pointer below is published.
  std::unique_ptr<ml::LinePredictor> owned_predictor_;
  std::atomic<const ml::LinePredictor*> predictor_{nullptr};
  std::atomic<std::shared_ptr<WarehouseGeneration>> warehouse_;
  ReportCacheCounters cache_counters_;  // of every generation's cache
  mutable std::mutex mutex_;
  std::string predictor_error_;  // guarded by mutex_
  std::string warehouse_error_;  // guarded by mutex_
};

}  // namespace storepulse::server
