#include "server/service_state.h"

namespace storepulse::server {

void ServiceState::PublishPredictor(std::unique_ptr<ml::LinePredictor> predictor) {
  owned_predictor_ = std::move(predictor);
  predictor_.store(owned_predictor_.get(), std::memory_order_release);
}

std::shared_ptr<WarehouseData> ServiceState::warehouse() const {
  std::shared_ptr<WarehouseGeneration> generation = warehouse_.load();
  if (generation == nullptr) return nullptr;
  WarehouseData* data = generation->data.get();
  return std::shared_ptr<WarehouseData>(std::move(generation), data);
}

std::shared_ptr<ReportCache> ServiceState::reports() const {
  std::shared_ptr<WarehouseGeneration> generation = warehouse_.load();
  if (generation == nullptr) return nullptr;
  ReportCache* reports = generation->reports.get();
  return std::shared_ptr<ReportCache>(std::move(generation), reports);
}

void ServiceState::PublishWarehouse(std::unique_ptr<WarehouseData> data) {
  auto generation = std::make_shared<WarehouseGeneration>();
  generation->reports = std::make_unique<ReportCache>(data.get(), &cache_counters_);
  generation->data = std::move(data);
  warehouse_.store(std::move(generation));
  std::lock_guard lock(mutex_);
  warehouse_error_.clear();
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
