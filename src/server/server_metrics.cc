#include "server/server_metrics.h"

namespace storepulse::server {

ServerMetrics::ServerMetrics(monitor::MetricsRegistry& registry)
    : requests(registry.AddCounter("storepulse_http_requests_total",
                                   "HTTP requests answered, by method, route and status.",
                                   {"method", "route", "status"})),
      duration(registry.AddHistogram(
          "storepulse_http_request_duration_seconds",
          "Time from a request's headers read to its answer written, by route.",
          {"route"}, monitor::LatencyBounds())),
      in_flight(registry
                    .AddGauge("storepulse_http_requests_in_flight",
                              "Requests being handled now.")
                    .WithLabels({})),
      predictions(registry.AddCounter("storepulse_predictions_total",
                                      "Order lines predicted, by endpoint.",
                                      {"endpoint"})),
      model_info(registry.AddGauge("storepulse_model_info",
                                   "The line revenue model served (value 1).",
                                   {"version"})),
      build_info(registry.AddGauge("storepulse_build_info",
                                   "The storepulse version serving (value 1).",
                                   {"version"})),
      warehouse_lines(registry
                          .AddGauge("storepulse_warehouse_lines",
                                    "Order lines of the batch run the API serves.")
                          .WithLabels({})) {
  build_info.WithLabels({STOREPULSE_VERSION}).Set(1);
}

}  // namespace storepulse::server
