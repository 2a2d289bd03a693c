// GET /api/v1/...: the reports of the batch run in the warehouse, rendered by the report
// registry (the same JSON as `storepulse report KIND --format json`), and the customer
// and forecast lookups.
#include <fmt/format.h>

#include <charconv>

#include "analytics/report_registry.h"
#include "analytics/rfm.h"
#include "core/civil_time.h"
#include "server/routes.h"

namespace storepulse::server {

namespace {

constexpr size_t kMaxTop = 100'000;
constexpr size_t kDefaultRfmLimit = 100;
constexpr int kMaxForecastDays = 28;
constexpr int kDefaultForecastDays = 14;

Result<std::optional<int64_t>> DateParam(const HttpRequest& request,
                                         std::string_view name) {
  const auto text = request.Query(name);
  if (!text.has_value()) return std::optional<int64_t>();
  int64_t day = 0;
  if (!ParseIsoDate(*text, &day)) {
    return Status::InvalidArgument(
        fmt::format("{}: expected a date YYYY-MM-DD, got '{}'", name, *text));
  }
  return std::optional<int64_t>(day);
}

Result<size_t> CountParam(const HttpRequest& request, std::string_view name,
                          size_t fallback, size_t min, size_t max) {
  const auto text = request.Query(name);
  if (!text.has_value()) return fallback;
  size_t value = 0;
  const auto parsed = std::from_chars(text->data(), text->data() + text->size(), value);
  if (parsed.ec != std::errc() || parsed.ptr != text->data() + text->size() ||
      value < min || value > max) {
    return Status::InvalidArgument(fmt::format(
        "{}: expected a whole number from {} to {}, got '{}'", name, min, max, *text));
  }
  return value;
}

// Renders report `kind` (cached under `key`); `adjust` may trim the JSON first.
HttpResponse Report(const RouteContext& context, std::string_view kind,
                    const analytics::ReportOptions& options, const std::string& key,
                    const std::function<void(nlohmann::ordered_json&)>& adjust = {}) {
  const std::shared_ptr<ReportCache> reports = context.state->reports();
  if (reports == nullptr) return WarehouseUnavailable(*context.state);
  const analytics::ReportKind* report = analytics::FindReportKind(kind);
  auto body = reports->Get(key, [&](WarehouseData& data) -> Result<std::string> {
    SP_ASSIGN_OR_RETURN(analytics::RenderedReport rendered,
                        report->render(data.context(), options));
    if (adjust) adjust(rendered.json);
    return rendered.json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
  if (!body.ok()) return StatusResponse(body.status());
  return RawJsonResponse(**body);
}

// A report whose only parameter is an optional date named `param`.
HttpResponse DatedReport(const RouteContext& context, const HttpRequest& request,
                         std::string_view kind, std::string_view param) {
  auto day = DateParam(request, param);
  if (!day.ok()) return StatusResponse(day.status());
  analytics::ReportOptions options;
  options.day = *day;
  const std::string key = fmt::format("{}|{}", kind, day->value_or(INT64_MIN));
  return Report(context, kind, options, key);
}

HttpResponse Rfm(const RouteContext& context, const HttpRequest& request) {
  auto limit = CountParam(request, "limit", kDefaultRfmLimit, 1, kMaxTop);
  if (!limit.ok()) return StatusResponse(limit.status());
  std::string segment;
  if (const auto wanted = request.Query("segment")) {
    std::vector<std::string> names;
    for (size_t i = 0; i < analytics::kRfmSegmentCount; ++i) {
      names.emplace_back(
          analytics::RfmSegmentName(static_cast<analytics::RfmSegment>(i)));
      if (names.back() == *wanted) segment = names.back();
    }
    if (segment.empty()) {
      return ErrorResponse(400, fmt::format("segment: unknown '{}' (one of: {})", *wanted,
                                            fmt::join(names, ", ")));
    }
  }
  const size_t max_rows = *limit;
  // The per-segment summary stays whole; the customer rows are filtered and capped.
  return Report(context, "rfm", {}, fmt::format("rfm|{}|{}", segment, max_rows),
                [&](nlohmann::ordered_json& json) {
                  nlohmann::ordered_json kept = nlohmann::ordered_json::array();
                  for (auto& row : json["customers"]) {
                    if (kept.size() >= max_rows) break;
                    if (segment.empty() || row["segment"] == segment) {
                      kept.push_back(std::move(row));
                    }
                  }
                  json["customers"] = std::move(kept);
                });
}

HttpResponse Products(const RouteContext& context, const HttpRequest& request) {
  auto top = CountParam(request, "top", 10, 1, kMaxTop);
  if (!top.ok()) return StatusResponse(top.status());
  analytics::ReportOptions options;
  options.top = *top;
  return Report(context, "products", options, fmt::format("products|{}", *top));
}

HttpResponse Customer(const RouteContext& context, const HttpRequest& request) {
  const std::shared_ptr<const WarehouseData> data = context.state->warehouse();
  if (data == nullptr) return WarehouseUnavailable(*context.state);
  const std::string_view id = request.PathParam("id").value_or("");
  const nlohmann::ordered_json* customer = data->Customer(id);
  if (customer == nullptr) {
    return ErrorResponse(404, fmt::format("no customer '{}' in the batch run of {} ({} "
                                          "customers)",
                                          id, data->source(), data->customer_count()));
  }
  return JsonResponse(*customer);
}

HttpResponse Forecast(const RouteContext& context, const HttpRequest& request) {
  const std::shared_ptr<const WarehouseData> data = context.state->warehouse();
  if (data == nullptr) return WarehouseUnavailable(*context.state);
  auto days = CountParam(request, "days", kDefaultForecastDays, 1, kMaxForecastDays);
  if (!days.ok()) return StatusResponse(days.status());
  if (!data->forecasts().has_value()) {
    return ErrorResponse(503, "no forecasts: run storepulse train");
  }
  nlohmann::ordered_json answer = *data->forecasts();
  nlohmann::ordered_json& days_json = answer["forecast"];
  if (days_json.size() > *days)
    days_json.erase(days_json.begin() + *days, days_json.end());
  return JsonResponse(answer);
}

}  // namespace

HttpResponse WarehouseUnavailable(const ServiceState& state) {
  if (!state.warehouse_configured()) {
    return ErrorResponse(503, "no warehouse: start serve with --warehouse URL");
  }
  const std::string error = state.warehouse_error();
  if (!error.empty()) {
    return ErrorResponse(503, "the warehouse data failed to load: " + error);
  }
  return ErrorResponse(503, "the warehouse data is still loading: try again shortly");
}

void AddReportRoutes(const RouteContext& context, RouteTable& routes) {
  const auto simple = [&](const char* kind) {
    const std::string key = std::string(kind) + "|";
    return [context, kind, key](const HttpRequest&) {
      return Report(context, kind, {}, key);
    };
  };
  routes.Add({"GET",
              "/api/v1/daily",
              "One day's figures and top customers, products and countries (date: "
              "YYYY-MM-DD, default the last day with sales)",
              [context](const HttpRequest& request) {
                return DatedReport(context, request, "daily", "date");
              },
              true,
              {"date"}});
  routes.Add({"GET",
              "/api/v1/weekly",
              "The 7 days ending on `end` (YYYY-MM-DD, default the last day with "
              "sales), with growth, and every ISO week",
              [context](const HttpRequest& request) {
                return DatedReport(context, request, "weekly", "end");
              },
              true,
              {"end"}});
  routes.Add({"GET", "/api/v1/segments", "Customer tiers by revenue and their thresholds",
              simple("segments")});
  routes.Add({"GET",
              "/api/v1/rfm",
              "RFM scores per segment and customer rows (segment: a segment name; "
              "limit: customer rows, default 100)",
              [context](const HttpRequest& request) { return Rfm(context, request); },
              true,
              {"segment", "limit"}});
  routes.Add(
      {"GET",
       "/api/v1/products",
       "Products by revenue (top: rows, default 10)",
       [context](const HttpRequest& request) { return Products(context, request); },
       true,
       {"top"}});
  routes.Add({"GET", "/api/v1/countries",
              "Revenue, orders, customers and average order value per country",
              simple("countries")});
  routes.Add({"GET", "/api/v1/cohorts", "Monthly acquisition cohorts and retention",
              simple("cohorts")});
  routes.Add({"GET", "/api/v1/seasonality",
              "Revenue by hour and weekday, monthly revenue and orders",
              simple("seasonality")});
  routes.Add(
      {"GET",
       "/api/v1/forecast",
       "Revenue and orders forecast for the next days (days: 1-28, default 14)",
       [context](const HttpRequest& request) { return Forecast(context, request); },
       true,
       {"days"}});
  routes.Add(
      {"GET", "/api/v1/customers/{id}",
       "One customer's figures, tier, RFM scores and predicted 90-day value",
       [context](const HttpRequest& request) { return Customer(context, request); }});
}

}  // namespace storepulse::server
