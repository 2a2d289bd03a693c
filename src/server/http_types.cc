#include "server/http_types.h"

namespace storepulse::server {

namespace {

std::optional<std::string_view> Find(const NameValues& values, std::string_view name) {
  for (const auto& [key, value] : values) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> HttpRequest::Query(std::string_view name) const {
  return Find(query, name);
}

std::optional<std::string_view> HttpRequest::PathParam(std::string_view name) const {
  return Find(path_params, name);
}

HttpResponse JsonResponse(const nlohmann::ordered_json& json, int status) {
  // Replace, never throw, on invalid UTF-8 (data from the warehouse is UTF-8 already).
  return RawJsonResponse(
      json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

HttpResponse RawJsonResponse(std::string body, int status) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse ErrorResponse(int status, std::string_view message) {
  nlohmann::ordered_json json = {{"status", "error"}, {"error", message}};
  return JsonResponse(json, status);
}

int HttpStatusOf(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kOutOfRange:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kIOError:
      return 503;
    case StatusCode::kCorruption:
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse StatusResponse(const Status& status) {
  return ErrorResponse(HttpStatusOf(status.code()), status.message());
}

}  // namespace storepulse::server
