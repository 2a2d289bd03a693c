#include "server/api.h"

#include "server/routes.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace storepulse::server {

Api::Api(ApiDependencies dependencies)
    : deps_(std::move(dependencies)), server_metrics_(*deps_.metrics) {
  RouteContext context;
  context.state = deps_.state;
  context.metrics = &server_metrics_;
  context.registry = deps_.metrics;
  context.clock = deps_.clock;
  context.started = deps_.clock->SteadyNow();
  context.routes = &routes_;
  AddServiceRoutes(context, routes_);
  AddPredictionRoutes(context, routes_);
  AddReportRoutes(context, routes_);
}

namespace {

// Decrements the in-flight gauge however the handler leaves.
class InFlight {
 public:
  explicit InFlight(monitor::Gauge& gauge) : gauge_(gauge) { gauge_.Add(1); }
  ~InFlight() { gauge_.Add(-1); }

 private:
  monitor::Gauge& gauge_;
};

}  // namespace

HttpResponse Api::Handle(HttpRequest& request, std::string_view authorization,
                         std::string_view* route_label) {
  InFlight in_flight(server_metrics_.in_flight);
  // HEAD is GET without the body (cpp-httplib drops it).
  std::string_view method = request.method;
  if (method == "HEAD") method = "GET";
  RouteTable::Match match = routes_.Find(method, request.path);
  *route_label =
      match.route != nullptr ? std::string_view(match.route->pattern) : kUnmatchedRoute;
  // The token is checked before anything else, so that an unauthenticated caller learns
  // nothing, not even which paths exist.
  const bool open = match.route != nullptr && !match.route->requires_token;
  if (deps_.token.has_value() && !open && !deps_.token->Accepts(authorization)) {
    HttpResponse response = ErrorResponse(
        401, authorization.empty()
                 ? "missing Authorization header: send 'Authorization: Bearer <token>'"
                 : "invalid token in the Authorization header");
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
  }
  if (match.route == nullptr) {
    if (match.allowed_methods.empty()) {
      return ErrorResponse(404, fmt::format("no route {} {} (GET / lists the routes)",
                                            request.method, request.path));
    }
    const std::string allowed = fmt::format("{}", fmt::join(match.allowed_methods, ", "));
    HttpResponse response =
        ErrorResponse(405, fmt::format("method {} not allowed on {} (allowed: {})",
                                       request.method, request.path, allowed));
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  for (const auto& [name, value] : request.query) {
    const auto& params = match.route->params;
    if (std::find(params.begin(), params.end(), name) == params.end()) {
      return ErrorResponse(
          400, params.empty()
                   ? fmt::format("unknown parameter '{}': {} takes none", name,
                                 match.route->pattern)
                   : fmt::format("unknown parameter '{}': {} takes {}", name,
                                 match.route->pattern, fmt::join(params, ", ")));
    }
  }
  request.path_params = std::move(match.path_params);
  return match.route->handler(request);
}

std::string_view Api::RouteLabel(std::string_view method, std::string_view path) const {
  const RouteTable::Match match = routes_.Find(method, path);
  return match.route != nullptr ? std::string_view(match.route->pattern)
                                : kUnmatchedRoute;
}

void Api::Record(std::string_view method, std::string_view path,
                 std::string_view route_label, int status,
                 std::chrono::steady_clock::duration elapsed) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  server_metrics_.requests
      .WithLabels({std::string(method), std::string(route_label), std::to_string(status)})
      .Increment();
  server_metrics_.duration.WithLabels({std::string(route_label)}).Observe(seconds);
  if (deps_.access_log != nullptr) {
    deps_.access_log->Record(
        method, path, status,
        std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
  }
}

}  // namespace storepulse::server
