#include "server/prediction_codec.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace storepulse::server {

namespace {

std::string_view TypeName(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

Status FieldError(std::string_view where, std::string_view field, std::string_view what) {
  return Status::InvalidArgument(fmt::format("{}{}: {}", where, field, what));
}

// The field's value, nullptr when absent (or null, when `null_is_absent`).
const nlohmann::json* Field(const nlohmann::json& object, std::string_view name,
                            bool null_is_absent) {
  const auto found = object.find(name);
  if (found == object.end()) return nullptr;
  if (null_is_absent && found->is_null()) return nullptr;
  return &*found;
}

Result<double> RequiredNumber(const nlohmann::json& object, std::string_view where,
                              std::string_view name) {
  const nlohmann::json* value = Field(object, name, /*null_is_absent=*/false);
  if (value == nullptr) return FieldError(where, name, "missing (required)");
  if (!value->is_number()) {
    return FieldError(where, name,
                      fmt::format("expected a number, got {}", TypeName(*value)));
  }
  return value->get<double>();
}

// A whole number; `range` names the valid values for the message.
Result<int> WholeNumber(const nlohmann::json& value, std::string_view where,
                        std::string_view name, std::string_view range) {
  if (!value.is_number()) {
    return FieldError(
        where, name,
        fmt::format("expected a whole number ({}), got {}", range, TypeName(value)));
  }
  if (value.is_number_integer()) {
    // Past int's range it cannot be valid: clamp so the range check names it.
    if (value.is_number_unsigned()) {
      return static_cast<int>(
          std::min<uint64_t>(value.get<uint64_t>(), std::numeric_limits<int>::max()));
    }
    const int64_t number = value.get<int64_t>();
    return static_cast<int>(std::clamp<int64_t>(number, std::numeric_limits<int>::min(),
                                                std::numeric_limits<int>::max()));
  }
  const double number = value.get<double>();
  if (!std::isfinite(number) || number != std::floor(number)) {
    return FieldError(where, name,
                      fmt::format("expected a whole number ({}), got {}", range, number));
  }
  return static_cast<int>(std::clamp<double>(number, std::numeric_limits<int>::min(),
                                             std::numeric_limits<int>::max()));
}

}  // namespace

Result<nlohmann::json> ParseJsonBody(std::string_view body) {
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& error) {
    // error.what() is "[json.exception.parse_error.101] parse error at line 1, column
    // 5: ...": keep the part after the id, and give the byte offset too.
    std::string what = error.what();
    const size_t bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    return Status::InvalidArgument(
        fmt::format("invalid JSON at byte {}: {}", error.byte, what));
  } catch (const nlohmann::json::exception& error) {
    return Status::InvalidArgument(fmt::format("invalid JSON: {}", error.what()));
  }
}

Result<ml::LineRequest> DecodeLineRequest(const nlohmann::json& json,
                                          std::string_view where) {
  if (!json.is_object()) {
    // `where` is "items[3]." in a batch: name the item without the trailing dot.
    const std::string item =
        where.empty() ? "" : fmt::format("{}: ", where.substr(0, where.size() - 1));
    return Status::InvalidArgument(
        fmt::format("{}expected a JSON object with quantity, unit_price, hour and "
                    "day_of_week, got {}",
                    item, TypeName(json)));
  }
  ml::LineRequest request;
  SP_ASSIGN_OR_RETURN(request.quantity, RequiredNumber(json, where, "quantity"));
  SP_ASSIGN_OR_RETURN(request.unit_price, RequiredNumber(json, where, "unit_price"));
  const nlohmann::json* hour = Field(json, "hour", false);
  if (hour == nullptr) return FieldError(where, "hour", "missing (required)");
  SP_ASSIGN_OR_RETURN(request.hour, WholeNumber(*hour, where, "hour", "0-23"));
  const nlohmann::json* weekday = Field(json, "day_of_week", false);
  if (weekday == nullptr) return FieldError(where, "day_of_week", "missing (required)");
  SP_ASSIGN_OR_RETURN(request.day_of_week,
                      WholeNumber(*weekday, where, "day_of_week", "0-6, Monday = 0"));
  if (const nlohmann::json* month = Field(json, "month", true)) {
    SP_ASSIGN_OR_RETURN(request.month, WholeNumber(*month, where, "month", "1-12"));
  }
  if (const nlohmann::json* country = Field(json, "country", true)) {
    if (!country->is_string()) {
      return FieldError(where, "country",
                        fmt::format("expected a string, got {}", TypeName(*country)));
    }
    request.country = country->get<std::string>();
  }
  return request;
}

Result<std::vector<ml::LineRequest>> DecodeBatchRequest(const nlohmann::json& json) {
  if (!json.is_object()) {
    return Status::InvalidArgument(fmt::format(
        "expected a JSON object {{\"items\": [...]}}, got {}", TypeName(json)));
  }
  const nlohmann::json* items = Field(json, "items", false);
  if (items == nullptr) return Status::InvalidArgument("items: missing (required)");
  if (!items->is_array()) {
    return Status::InvalidArgument(
        fmt::format("items: expected an array, got {}", TypeName(*items)));
  }
  if (items->size() > kMaxBatchItems) {
    return Status::InvalidArgument(
        fmt::format("items: at most {} items, got {}", kMaxBatchItems, items->size()));
  }
  std::vector<ml::LineRequest> requests;
  requests.reserve(items->size());
  for (size_t i = 0; i < items->size(); ++i) {
    SP_ASSIGN_OR_RETURN(ml::LineRequest request,
                        DecodeLineRequest((*items)[i], fmt::format("items[{}].", i)));
    requests.push_back(std::move(request));
  }
  return requests;
}

std::string EncodeBatchPredictions(const std::vector<double>& predictions,
                                   std::string_view model_version) {
  // Written by hand: 10,000 numbers through nlohmann::json cost a few allocations each.
  std::string out;
  out.reserve(predictions.size() * 10 + 128);
  out.append("{\"predictions\":[");
  for (size_t i = 0; i < predictions.size(); ++i) {
    if (i > 0) out.push_back(',');
    if (std::isfinite(predictions[i])) {
      fmt::format_to(std::back_inserter(out), "{}", predictions[i]);
    } else {
      out.append("null");  // JSON has no NaN; a model never gives one, but be valid
    }
  }
  out.append("],\"count\":");
  out.append(std::to_string(predictions.size()));
  out.append(",\"status\":\"success\",\"model_version\":");
  out.append(nlohmann::json(std::string(model_version)).dump());
  out.push_back('}');
  return out;
}

}  // namespace storepulse::server
