// The request and response of one API call as the route handlers see them: plain values,
// no cpp-httplib types (http_server.cc converts), so handlers are testable without a
// socket. Bodies are JSON unless content_type says otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace storepulse::server {

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;      // "GET", "POST", ...
  std::string path;        // without the query string
  NameValues query;        // decoded query parameters, in order
  NameValues path_params;  // {name} segments of the matched route
  std::string_view body;

  // The first value of query parameter / path parameter `name`.
  std::optional<std::string_view> Query(std::string_view name) const;
  std::optional<std::string_view> PathParam(std::string_view name) const;
};

inline constexpr char kJsonContentType[] = "application/json";

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = kJsonContentType;
  NameValues headers;
};

// 200 (or `status`) with `json` as the body.
HttpResponse JsonResponse(const nlohmann::ordered_json& json, int status = 200);
// A body already rendered as JSON text.
HttpResponse RawJsonResponse(std::string body, int status = 200);

// {"status": "error", "error": message} with `status`.
HttpResponse ErrorResponse(int status, std::string_view message);

// The one place a Status becomes an HTTP answer: InvalidArgument and OutOfRange → 400,
// NotFound → 404, IOError → 503 (a backend cannot be reached), Corruption and Internal →
// 500. The body is ErrorResponse's, with the status's message.
HttpResponse StatusResponse(const Status& status);
int HttpStatusOf(StatusCode code);

}  // namespace storepulse::server
