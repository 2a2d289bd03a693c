// GET /, /health, /ready and /metrics: what the service says about itself.
#include <cmath>

#include "monitor/exposition.h"
#include "server/routes.h"

namespace storepulse::server {

namespace {

HttpResponse Index(const RouteContext& context) {
  nlohmann::ordered_json routes = nlohmann::ordered_json::array();
  for (const Route& route : context.routes->routes()) {
    nlohmann::ordered_json entry = {
        {"method", route.method}, {"path", route.pattern}, {"doc", route.doc}};
    if (!route.params.empty()) entry["params"] = route.params;
    routes.push_back(std::move(entry));
  }
  return JsonResponse({{"service", "storepulse"},
                       {"version", STOREPULSE_VERSION},
                       {"routes", std::move(routes)}});
}

// "loaded", "loading", "failed" or "not configured".
std::string_view LoadState(bool configured, bool loaded, const std::string& error) {
  if (!configured) return "not configured";
  if (loaded) return "loaded";
  return error.empty() ? "loading" : "failed";
}

HttpResponse Health(const RouteContext& context) {
  const ServiceState& state = *context.state;
  const double uptime =
      std::chrono::duration<double>(context.clock->SteadyNow() - context.started).count();

  const ml::LinePredictor* predictor = state.predictor();
  const std::string model_error = state.predictor_error();
  nlohmann::ordered_json model = {
      {"state", LoadState(state.model_configured(), predictor != nullptr, model_error)}};
  if (predictor != nullptr) model["version"] = predictor->model_version();
  if (!model_error.empty()) model["error"] = model_error;

  const std::shared_ptr<const WarehouseData> data = state.warehouse();
  const std::string warehouse_error = state.warehouse_error();
  nlohmann::ordered_json warehouse = {
      {"state",
       LoadState(state.warehouse_configured(), data != nullptr, warehouse_error)}};
  if (data != nullptr) {
    warehouse["url"] = data->url();
    warehouse["source"] = data->source();
    warehouse["batch_run"] = data->run_id();
    warehouse["lines"] = data->table().size();
  }
  if (!warehouse_error.empty()) warehouse["error"] = warehouse_error;

  return JsonResponse({{"status", "healthy"},
                       {"version", STOREPULSE_VERSION},
                       {"uptime_seconds", std::round(uptime * 1000) / 1000},
                       {"model_loaded", predictor != nullptr},
                       {"warehouse_reachable", data != nullptr},
                       {"ready", state.ready()},
                       {"model", std::move(model)},
                       {"warehouse", std::move(warehouse)}});
}

HttpResponse Ready(const RouteContext& context) {
  const ServiceState& state = *context.state;
  if (state.ready()) return JsonResponse({{"status", "ready"}});
  std::string waiting;
  if (state.model_configured() && state.predictor() == nullptr) {
    const std::string error = state.predictor_error();
    waiting +=
        error.empty() ? "the model is loading" : "the model failed to load: " + error;
  }
  if (state.warehouse_configured() && state.warehouse() == nullptr) {
    if (!waiting.empty()) waiting += "; ";
    const std::string error = state.warehouse_error();
    waiting += error.empty() ? "the warehouse data is loading"
                             : "the warehouse data failed to load: " + error;
  }
  return ErrorResponse(503, "not ready: " + waiting);
}

HttpResponse Metrics(const RouteContext& context) {
  HttpResponse response;
  response.body = context.registry->Render();
  response.content_type = monitor::kExpositionContentType;
  return response;
}

}  // namespace

void AddServiceRoutes(const RouteContext& context, RouteTable& routes) {
  routes.Add({"GET", "/", "This index: every route with its parameters",
              [context](const HttpRequest&) { return Index(context); }});
  routes.Add({"GET", "/health",
              "Liveness: version, uptime, whether the model and the warehouse data are "
              "loaded (open without a token)",
              [context](const HttpRequest&) { return Health(context); }, false});
  routes.Add({"GET", "/ready",
              "200 once the model and warehouse data are loaded, else 503",
              [context](const HttpRequest&) { return Ready(context); }});
  routes.Add({"GET", "/metrics", "Prometheus metrics (text exposition format 0.0.4)",
              [context](const HttpRequest&) { return Metrics(context); }});
}

}  // namespace storepulse::server
