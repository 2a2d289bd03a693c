// The metrics the HTTP service keeps (names as Prometheus expects: base units, _total on
// counters) and the per-request bookkeeping over them.
#pragma once

#include <string>
#include <string_view>

#include "monitor/metrics.h"

namespace storepulse::server {

struct ServerMetrics {
  explicit ServerMetrics(monitor::MetricsRegistry& registry);

  // storepulse_http_requests_total{method, route, status}
  monitor::CounterFamily& requests;
  // storepulse_http_request_duration_seconds{route}: from the request's headers read to
  // its answer written.
  monitor::HistogramFamily& duration;
  // storepulse_http_requests_in_flight: requests in their handler now.
  monitor::Gauge& in_flight;
  // storepulse_predictions_total{endpoint}: lines predicted (a batch counts its items).
  monitor::CounterFamily& predictions;
  // storepulse_model_info{version} 1 for the model served.
  monitor::GaugeFamily& model_info;
  // storepulse_build_info{version} 1.
  monitor::GaugeFamily& build_info;
  // storepulse_warehouse_lines: order lines of the run served (0 until loaded).
  monitor::Gauge& warehouse_lines;
};

}  // namespace storepulse::server
