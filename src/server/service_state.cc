#include "server/service_state.h"

namespace storepulse::server {

void ServiceState::PublishPredictor(std::unique_ptr<ml::LinePredictor> predictor) {
  owned_predictor_ = std::move(predictor);
  predictor_.store(owned_predictor_.get(), std::memory_order_release);
}

template <typename T>
std::shared_ptr<T> ServiceState::OfGeneration(
    std::unique_ptr<T> WarehouseGeneration::*member) const {
  std::shared_ptr<WarehouseGeneration> generation = warehouse_.load();
  if (generation == nullptr) return nullptr;
  T* part = (*generation.*member).get();
  // Shares the generation's ownership: the whole generation lives as long as the part.
  return std::shared_ptr<T>(std::move(generation), part);
}

std::shared_ptr<WarehouseData> ServiceState::warehouse() const {
  return OfGeneration(&WarehouseGeneration::data);
}

std::shared_ptr<ReportCache> ServiceState::reports() const {
  return OfGeneration(&WarehouseGeneration::reports);
}

void ServiceState::PublishWarehouse(std::unique_ptr<WarehouseData> data) {
  auto generation = std::make_shared<WarehouseGeneration>();
  generation->reports = std::make_unique<ReportCache>(data.get(), &cache_counters_);
  generation->data = std::move(data);
  warehouse_.store(std::move(generation));
  ClearWarehouseError();
}

void ServiceState::FailPredictor(const Status& status) {
  std::lock_guard lock(mutex_);
  predictor_error_ = status.message();
}

void ServiceState::FailWarehouse(const Status& status) {
  std::lock_guard lock(mutex_);
  warehouse_error_ = status.message();
}

void ServiceState::ClearWarehouseError() {
  std::lock_guard lock(mutex_);
  warehouse_error_.clear();
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
