// The route groups, each adding its routes to the table: predictions (/predict,
// /predict/batch), reports (/api/v1/...), and the service's own (/, /health, /ready,
// /metrics).
#pragma once

#include <chrono>

#include "monitor/clock.h"
#include "monitor/metrics.h"
#include "server/route_table.h"
#include "server/server_metrics.h"
#include "server/service_state.h"

namespace storepulse::server {

struct RouteContext {
  ServiceState* state = nullptr;
  ServerMetrics* metrics = nullptr;
  monitor::MetricsRegistry* registry = nullptr;
  const monitor::Clock* clock = nullptr;
  std::chrono::steady_clock::time_point started;
  const RouteTable* routes = nullptr;  // for the index
};

void AddPredictionRoutes(const RouteContext& context, RouteTable& routes);
void AddReportRoutes(const RouteContext& context, RouteTable& routes);
void AddServiceRoutes(const RouteContext& context, RouteTable& routes);

// 503 with why the model / the warehouse data is not there (not configured, still
// loading, or the load error).
HttpResponse ModelUnavailable(const ServiceState& state);
HttpResponse WarehouseUnavailable(const ServiceState& state);

}  // namespace storepulse::server
