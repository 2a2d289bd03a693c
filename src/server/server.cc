#include "server/server.h"

#include "monitor/process_probe.h"

namespace storepulse::server {

namespace {

ApiDependencies MakeApiDependencies(ServiceState* state,
                                    monitor::MetricsRegistry* registry,
                                    ServerDependencies& dependencies) {
  ApiDependencies api;
  api.state = state;
  api.clock = dependencies.clock;
  api.metrics = registry;
  api.token = std::move(dependencies.token);
  api.access_log = dependencies.access_log;
  return api;
}

}  // namespace

Server::Server(ListenerOptions options, ServerDependencies dependencies)
    : options_(std::move(options)),
      load_predictor_(std::move(dependencies.load_predictor)),
      warehouse_url_(dependencies.warehouse_url),
      warehouse_refresh_(dependencies.warehouse_refresh),
      state_(static_cast<bool>(load_predictor_), !warehouse_url_.empty()),
      api_(MakeApiDependencies(&state_, &registry_, dependencies)) {
  monitor::AddProcessMetrics(registry_);
  registry_.AddCallback(
      {"storepulse_report_cache_hits_total", "/api/v1 answers served from the cache.",
       monitor::CallbackMetric::Type::kCounter, [this](double* value) {
         *value = static_cast<double>(state_.report_cache_counters().hits.load());
         return true;
       }});
  registry_.AddCallback({"storepulse_report_cache_misses_total",
                         "/api/v1 answers rendered (not in the cache).",
                         monitor::CallbackMetric::Type::kCounter, [this](double* value) {
                           *value = static_cast<double>(
                               state_.report_cache_counters().misses.load());
                           return true;
                         }});
}

Server::~Server() { Stop(); }

Status Server::Start() {
  SP_ASSIGN_OR_RETURN(listener_, HttpListener::Bind(options_, &api_));
  listener_->Start();
  loader_ = std::thread([this] { Load(); });
  return Status::Ok();
}

void Server::Load() {
  if (load_predictor_) {
    auto predictor = load_predictor_();
    if (predictor.ok()) {
      api_.metrics().model_info.WithLabels({(*predictor)->model_version()}).Set(1);
      state_.PublishPredictor(std::move(predictor).value());
    } else {
      state_.FailPredictor(predictor.status());
    }
  }
  // A failure is recorded in the state (/health, /ready); the refresh, if any, retries.
  if (!warehouse_url_.empty()) (void)LoadWarehouse();
  {
    std::lock_guard lock(loading_mutex_);
    loaded_ = true;
    loading_done_.notify_all();
  }
  if (!warehouse_url_.empty() && warehouse_refresh_.count() > 0) RefreshWarehouse();
}

Status Server::LoadWarehouse() {
  auto data = WarehouseData::Load(warehouse_url_);
  if (!data.ok()) {
    state_.FailWarehouse(data.status());
    return data.status();
  }
  api_.metrics().warehouse_lines.Set(static_cast<double>((*data)->table().size()));
  state_.PublishWarehouse(std::move(data).value());
  return Status::Ok();
}

void Server::RefreshWarehouse() {
  // A version whose data is missing or corrupt is not loaded again until the warehouse
  // changes; one that could not be read (locked, unreachable) is tried again next time.
  std::string failed_version;
  while (true) {
    {
      std::unique_lock lock(loading_mutex_);
      if (stop_requested_.wait_for(lock, warehouse_refresh_,
                                   [this] { return stopping_; }))
        return;
    }
    auto version = WarehouseData::CurrentVersion(warehouse_url_);
    if (!version.ok()) {
      state_.FailWarehouse(version.status());  // what was loaded stays served
      continue;
    }
    const std::shared_ptr<const WarehouseData> served = state_.warehouse();
    if (served != nullptr && served->version() == *version) {
      state_.ClearWarehouseError();  // up to date; a failure to look (above) is over
      continue;
    }
    if (*version == failed_version) continue;
    const Status loaded = LoadWarehouse();
    if (loaded.code() == StatusCode::kNotFound ||
        loaded.code() == StatusCode::kCorruption)
      failed_version = *version;
  }
}

void Server::WaitForLoading() {
  std::unique_lock lock(loading_mutex_);
  loading_done_.wait(lock, [this] { return loaded_; });
}

void Server::Stop() {
  if (listener_) listener_->Stop();
  {
    std::lock_guard lock(loading_mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  // Loading cannot be interrupted midway; it ends on its own.
  if (loader_.joinable()) loader_.join();
}

}  // namespace storepulse::server
