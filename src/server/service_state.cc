#include "server/service_state.h"

namespace storepulse::server {

void ServiceState::PublishPredictor(std::unique_ptr<ml::LinePredictor> predictor) {
  owned_predictor_ = std::move(predictor);
  predictor_.store(owned_predictor_.get(), std::memory_order_release);
}

void ServiceState::PublishWarehouse(std::unique_ptr<WarehouseData> data) {
  owned_warehouse_ = std::move(data);
  owned_reports_ = std::make_unique<ReportCache>(owned_warehouse_.get());
  reports_.store(owned_reports_.get(), std::memory_order_release);
  warehouse_.store(owned_warehouse_.get(), std::memory_order_release);
}

void ServiceState::FailPredictor(const Status& status) {
  std::lock_guard lock(mutex_);
  predictor_error_ = status.message();
}

void ServiceState::FailWarehouse(const Status& status) {
  std::lock_guard lock(mutex_);
  warehouse_error_ = status.message();
}

std::string ServiceState::predictor_error() const {
  std::lock_guard lock(mutex_);
  return predictor_error_;
}

std::string ServiceState::warehouse_error() const {
  std::lock_guard lock(mutex_);
  return warehouse_error_;
}

}  // namespace storepulse::server
