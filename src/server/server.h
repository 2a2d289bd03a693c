// server::Server: `storepulse serve` as a library object. It binds first, so that /health
// answers at once, then loads the model and the warehouse data on a thread of its own;
// /ready turns 200 when everything configured is loaded. With a refresh interval, the
// same thread then looks at the warehouse that often and loads it again when a newer
// batch run has succeeded or a model was registered (or, if nothing could be loaded
// yet, when anything changed): a server left running follows the daily batch.
//
// Everything the server depends on comes in through its constructor (clock, model
// loader, warehouse URL, token, access log): no globals, so tests run servers side by
// side with a test predictor.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/status.h"
#include "ml/line_predictor.h"
#include "monitor/clock.h"
#include "monitor/metrics.h"
#include "server/access_log.h"
#include "server/api.h"
#include "server/auth.h"
#include "server/http_listener.h"
#include "server/service_state.h"

namespace storepulse::server {

// Loads the model (ml::LoadLinePredictor in `serve`); runs on the loading thread.
using PredictorLoader = std::function<Result<std::unique_ptr<ml::LinePredictor>>()>;

struct ServerDependencies {
  const monitor::Clock* clock = nullptr;  // required; outlives the server
  PredictorLoader load_predictor;         // empty: no model (/predict answers 503)
  std::string warehouse_url;              // empty: no warehouse (/api/v1 answers 503)
  // How often to look for newer warehouse data; zero: load it once.
  std::chrono::milliseconds warehouse_refresh{0};
  std::optional<BearerToken> token;  // set: every route but /health needs it
  AccessLog* access_log = nullptr;   // optional; outlives the server
};

class Server {
 public:
  Server(ListenerOptions options, ServerDependencies dependencies);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving, then starts loading. IOError when it cannot bind.
  Status Start();
  int port() const { return listener_ ? listener_->port() : 0; }
  int threads() const { return listener_ ? listener_->threads() : 0; }

  // Blocks until loading has finished (loaded or failed); for tests and start-up logs.
  // REQUIRES: Start() succeeded.
  void WaitForLoading();
  const ServiceState& state() const { return state_; }
  monitor::MetricsRegistry& metrics() { return registry_; }

  // Stops accepting and refreshing; requests in flight finish first. Idempotent.
  void Stop();

 private:
  void Load();
  // Loads and publishes the warehouse data; on failure records and returns the error.
  Status LoadWarehouse();
  void RefreshWarehouse();

  const ListenerOptions options_;
  PredictorLoader load_predictor_;
  const std::string warehouse_url_;
  const std::chrono::milliseconds warehouse_refresh_;
  ServiceState state_;
  monitor::MetricsRegistry registry_;
  Api api_;
  std::unique_ptr<HttpListener> listener_;
  std::thread loader_;
  std::mutex loading_mutex_;
  std::condition_variable loading_done_;
  bool loaded_ = false;    // guarded by loading_mutex_
  bool stopping_ = false;  // guarded by loading_mutex_
  std::condition_variable stop_requested_;
};

}  // namespace storepulse::server
