// The HTTP API without the HTTP: the route table, token check, 404/405 answers, request
// metrics and the access log, over plain HttpRequest/HttpResponse values. The listener
// (http_listener.h) feeds it requests; tests may call it directly.
//
// Thread safety: Handle and Record may run on many threads at once.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "monitor/clock.h"
#include "monitor/metrics.h"
#include "server/access_log.h"
#include "server/auth.h"
#include "server/route_table.h"
#include "server/server_metrics.h"
#include "server/service_state.h"

namespace storepulse::server {

struct ApiDependencies {
  ServiceState* state = nullptr;                // required
  const monitor::Clock* clock = nullptr;        // required
  monitor::MetricsRegistry* metrics = nullptr;  // required
  std::optional<BearerToken> token;             // set: every route but /health needs it
  AccessLog* access_log = nullptr;              // optional
};

class Api {
 public:
  // REQUIRES: the pointers of `dependencies` outlive the Api.
  explicit Api(ApiDependencies dependencies);

  // Routes and answers one request. `authorization` is the Authorization header ("" when
  // absent). *route_label is set to the route pattern matched, for Record.
  HttpResponse Handle(HttpRequest& request, std::string_view authorization,
                      std::string_view* route_label);

  // Counts and logs an answered request (called once per request, after the answer is
  // written, also for those the listener answered itself, such as 413).
  void Record(std::string_view method, std::string_view path,
              std::string_view route_label, int status,
              std::chrono::steady_clock::duration elapsed);

  // The label for a request that did not reach Handle.
  std::string_view RouteLabel(std::string_view method, std::string_view path) const;

  const RouteTable& routes() const { return routes_; }
  ServerMetrics& metrics() { return server_metrics_; }

 private:
  ApiDependencies deps_;
  ServerMetrics server_metrics_;
  RouteTable routes_;
};

inline constexpr std::string_view kUnmatchedRoute = "unmatched";

}  // namespace storepulse::server
