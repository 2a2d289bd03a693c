// What the API serves from the warehouse, as of one batch run: the clean order lines
// of the most recent succeeded batch run (batch_runs), back in a core::Table, with their
// analytics (the very code `storepulse report` runs, so the JSON is the same); the
// customer_metrics rows of that run; and the forecasts table, when training wrote one.
//
// Thread safety: the accessors are const and safe from many threads, except context(),
// whose lazily computed pieces need one caller at a time (ReportCache serialises it).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <absl/container/flat_hash_map.h>
#include <nlohmann/json.hpp>

#include "analytics/analytics_context.h"
#include "core/status.h"
#include "core/table.h"

namespace storepulse::storage {
class Warehouse;
}

namespace storepulse::server {

class WarehouseData {
 public:
  // Opens `url`, finds the newest succeeded run and reads its data. NotFound when no
  // batch run has succeeded ("run storepulse batch first"), IOError when the warehouse
  // cannot be reached, Corruption when its rows do not read back.
  static Result<std::unique_ptr<WarehouseData>> Load(const std::string& url);
  // What the data served from `url` would be as of now: the newest succeeded batch run
  // and the newest registered model, as one string. A server reloads when it changes.
  static Result<std::string> CurrentVersion(const std::string& url);

  const std::string& url() const { return url_; }
  const std::string& source() const { return source_; }  // the run's input file
  int64_t run_id() const { return run_id_; }
  const std::string& finished_at() const { return finished_at_; }
  const std::string& version() const { return version_; }  // CurrentVersion when loaded
  const Table& table() const { return table_; }
  analytics::AnalyticsContext& context() { return context_; }

  // The customer_metrics row of `customer_id` as JSON (money in pounds with pennies,
  // NULL as null), or nullptr.
  const nlohmann::ordered_json* Customer(std::string_view customer_id) const;
  size_t customer_count() const { return customers_.size(); }

  // The newest daily forecast stored for the source by `storepulse train`, in the shape
  // of `storepulse forecast --format json` ({"model_version", "data_until", "forecast":
  // [{"date", "weekday", "horizon_days", "closed", "revenue", "orders"}, ...]});
  // nullopt when nothing was trained on it.
  const std::optional<nlohmann::ordered_json>& forecasts() const { return forecasts_; }

 private:
  static Result<std::string> VersionOf(storage::Warehouse& warehouse);
  Status LoadForecasts(storage::Warehouse& warehouse);

  explicit WarehouseData(Table table) : table_(std::move(table)), context_(table_) {}

  std::string url_;
  std::string source_;
  int64_t run_id_ = 0;
  std::string finished_at_;
  std::string version_;
  Table table_;
  analytics::AnalyticsContext context_;  // reads table_: declared after it
  absl::flat_hash_map<std::string, nlohmann::ordered_json> customers_;
  std::optional<nlohmann::ordered_json> forecasts_;
};

// 'text' with single quotes doubled, quoted: a string literal for Warehouse::Query.
std::string SqlString(std::string_view text);

}  // namespace storepulse::server
