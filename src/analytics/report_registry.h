// The report kinds, registered once: name, summary and one render function giving the
// JSON (machines), the text (people) and the CSV (spreadsheets) of the report. The CLI's
// `report`, the batch job and (later) the HTTP API iterate this registry instead of
// wiring each report by hand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/analytics_context.h"
#include "core/status.h"

namespace storepulse::analytics {

struct ReportOptions {
  std::optional<int64_t> day;  // daily and weekly: the (last) day; default the last sale
  size_t top = 10;             // rows of top-N lists
  // The renderings the caller will use. A renderer may leave the others empty where
  // building them costs (RFM's JSON and CSV have a row per customer). Default: all.
  bool wants_text = true;
  bool wants_json = true;
  bool wants_csv = true;
  // daily's JSON: also "days", every date's revenue, orders, lines and customers (the
  // batch's daily_metrics.json). Off by default: the API and `report daily` answer for
  // one day.
  bool every_day = false;
};

struct RenderedReport {
  nlohmann::ordered_json json;
  std::string text;
  std::string csv;
};

struct ReportKind {
  std::string_view name;
  std::string_view summary;
  // NotFound when options.day has no sales (the message gives the data's range).
  Result<RenderedReport> (*render)(AnalyticsContext& context,
                                   const ReportOptions& options);
};

const std::vector<ReportKind>& ReportKinds();
// nullptr when there is no such kind.
const ReportKind* FindReportKind(std::string_view name);

// Shared by the renderers: money as a JSON number with two decimals, and as "£1,234.56".
double JsonMoney(const MoneySum& amount);
double JsonCents(WideInt cents);
std::string DisplayMoney(const MoneySum& amount);

}  // namespace storepulse::analytics
