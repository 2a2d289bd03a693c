#include "server/warehouse_data.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "analytics/report_registry.h"
#include "core/civil_time.h"
#include "core/money.h"
#include "storage/schema.h"
#include "storage/warehouse.h"

namespace storepulse::server {

namespace {

// A stored value as JSON, by the schema's column type: money as pounds with pennies
// (the reports' form), numbers as numbers, dates and text as strings.
nlohmann::ordered_json TypedValue(const std::optional<std::string>& text,
                                  const storage::ColumnSpec* column) {
  if (!text.has_value()) return nullptr;
  const std::string& value = *text;
  const storage::ColumnType type =
      column != nullptr ? column->type : storage::ColumnType::kText;
  switch (type) {
    case storage::ColumnType::kInteger: {
      int64_t number = 0;
      const auto parsed =
          std::from_chars(value.data(), value.data() + value.size(), number);
      if (parsed.ec == std::errc()) return number;
      return value;
    }
    case storage::ColumnType::kReal: {
      double number = 0;
      const auto parsed =
          std::from_chars(value.data(), value.data() + value.size(), number);
      if (parsed.ec == std::errc()) return number;
      return value;
    }
    case storage::ColumnType::kMoney: {
      Money amount;
      if (ParseMoney(value, &amount) == DecimalParse::kOk) {
        MoneySum sum;
        sum.Add(amount);
        return analytics::JsonMoney(sum);
      }
      return value;
    }
    default:
      return value;
  }
}

// Rows of `sql` as JSON objects typed by the columns of `table` (if in the schema).
Result<std::vector<nlohmann::ordered_json>> JsonRows(storage::Warehouse& warehouse,
                                                     const std::string& sql,
                                                     std::string_view table) {
  SP_ASSIGN_OR_RETURN(const storage::QueryResult result, warehouse.Query(sql));
  const storage::TableSpec* spec = storage::FindTable(table);
  std::vector<const storage::ColumnSpec*> columns;
  for (const std::string& name : result.columns) {
    columns.push_back(spec != nullptr ? spec->FindColumn(name) : nullptr);
  }
  std::vector<nlohmann::ordered_json> rows;
  rows.reserve(result.rows.size());
  for (const auto& row : result.rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (size_t i = 0; i < row.size(); ++i) {
      if (result.columns[i] == "source") continue;
      object[result.columns[i]] = TypedValue(row[i], columns[i]);
    }
    rows.push_back(std::move(object));
  }
  return rows;
}

std::string_view WeekdayName(int weekday) {
  static constexpr std::string_view kNames[] = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return kNames[weekday];
}

}  // namespace

// The batch run the API serves: the newest that succeeded.
constexpr std::string_view kServedRun =
    "FROM batch_runs WHERE status = 'succeeded' ORDER BY finished_at DESC, id DESC "
    "LIMIT 1";

std::string SqlString(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted.push_back('\'');
    quoted.push_back(c);
  }
  quoted.push_back('\'');
  return quoted;
}

Result<std::string> WarehouseData::VersionOf(storage::Warehouse& warehouse) {
  SP_ASSIGN_OR_RETURN(
      const storage::QueryResult version,
      warehouse.Query(fmt::format(
          "SELECT (SELECT id {}), (SELECT MAX(registered_at) FROM model_registry)",
          kServedRun)));
  if (version.rows.size() != 1 || version.rows[0].size() != 2) {
    return Status::Corruption("the version query of " + warehouse.url() +
                              " did not answer one row of two columns");
  }
  const auto& row = version.rows[0];
  return "run " + row[0].value_or("none") + ", models of " + row[1].value_or("none");
}

Result<std::string> WarehouseData::CurrentVersion(const std::string& url) {
  SP_ASSIGN_OR_RETURN(std::unique_ptr<storage::Warehouse> warehouse,
                      storage::OpenWarehouse(url));
  return VersionOf(*warehouse);
}

Result<std::unique_ptr<WarehouseData>> WarehouseData::Load(const std::string& url) {
  SP_ASSIGN_OR_RETURN(std::unique_ptr<storage::Warehouse> warehouse,
                      storage::OpenWarehouse(url));
  // Taken first: a run that lands while this one is read makes the version change
  // again, so a refreshing server loads it next time rather than missing it.
  SP_ASSIGN_OR_RETURN(std::string version, VersionOf(*warehouse));
  SP_ASSIGN_OR_RETURN(const storage::QueryResult runs,
                      warehouse->Query(fmt::format(
                          "SELECT id, source, finished_at, \"rows\" {}", kServedRun)));
  if (runs.rows.empty() || !runs.rows[0][1].has_value()) {
    return Status::NotFound("no succeeded batch run in " + warehouse->url() +
                            ": run storepulse batch first");
  }
  const auto& run = runs.rows[0];
  const std::string source = *run[1];
  SP_ASSIGN_OR_RETURN(Table table, warehouse->ReadOrderLines(source));
  if (run[3].has_value() && *run[3] != std::to_string(table.size())) {
    return Status::Corruption("batch run " + run[0].value_or("?") + " of " + source +
                              " stored " + *run[3] + " lines, but " +
                              std::to_string(table.size()) + " read back from " +
                              warehouse->url());
  }

  std::unique_ptr<WarehouseData> data(new WarehouseData(std::move(table)));
  data->url_ = warehouse->url();
  data->source_ = source;
  data->run_id_ = std::stoll(run[0].value_or("0"));
  data->finished_at_ = run[2].value_or("");
  data->version_ = std::move(version);
  // Every analytic up front (in parallel): requests then only render.
  data->context_.ComputeAll();

  SP_ASSIGN_OR_RETURN(
      std::vector<nlohmann::ordered_json> customers,
      JsonRows(*warehouse,
               "SELECT * FROM customer_metrics WHERE source = " + SqlString(source),
               "customer_metrics"));
  data->customers_.reserve(customers.size());
  for (nlohmann::ordered_json& customer : customers) {
    const auto id = customer.find("customer_id");
    if (id == customer.end() || !id->is_string()) continue;
    std::string key = id->get<std::string>();
    data->customers_.emplace(std::move(key), std::move(customer));
  }

  SP_RETURN_IF_ERROR(data->LoadForecasts(*warehouse));
  return data;
}

Status WarehouseData::LoadForecasts(storage::Warehouse& warehouse) {
  // The forecast of the newest daily forecast model trained on this source (`storepulse
  // train` keeps older models' forecasts as history).
  const std::string source = SqlString(source_);
  SP_ASSIGN_OR_RETURN(
      const std::vector<nlohmann::ordered_json> rows,
      JsonRows(
          warehouse,
          "SELECT f.model_version AS model_version, f.date AS date, f.horizon_days AS "
          "horizon_days, f.revenue AS revenue, f.orders AS orders "
          "FROM forecasts f JOIN model_registry m ON m.model_version = "
          "f.model_version WHERE f.source = " +
              source +
              " AND m.trained_at = (SELECT MAX(m2.trained_at) FROM model_registry m2 "
              "JOIN forecasts f2 ON f2.model_version = m2.model_version WHERE "
              "f2.source = " +
              source + ") ORDER BY f.date",
          "forecasts"));
  if (rows.empty()) return Status::Ok();
  // The shape of `storepulse forecast --format json`.
  nlohmann::ordered_json days = nlohmann::ordered_json::array();
  int64_t data_until = 0;
  for (const nlohmann::ordered_json& row : rows) {
    int64_t day = 0;
    const std::string date = row.value("date", "");
    if (!ParseIsoDate(date, &day)) {
      return Status::Corruption("forecasts of " + source_ + ": bad date '" + date + "'");
    }
    const int64_t horizon = row.value("horizon_days", int64_t{0});
    data_until = day - horizon;
    const double revenue = row.value("revenue", 0.0);
    const double orders = row.value("orders", 0.0);
    days.push_back({{"date", date},
                    {"weekday", WeekdayName(WeekdayOfDay(day))},
                    {"horizon_days", horizon},
                    // The model forecasts nothing for a weekday the shop does not trade.
                    {"closed", revenue == 0 && orders == 0},
                    {"revenue", revenue},
                    {"orders", std::round(orders * 10) / 10}});
  }
  forecasts_ = nlohmann::ordered_json{{"model_version", rows.front()["model_version"]},
                                      {"data_until", FormatIsoDate(data_until)},
                                      {"forecast", std::move(days)}};
  return Status::Ok();
}

const nlohmann::ordered_json* WarehouseData::Customer(
    std::string_view customer_id) const {
  const auto found = customers_.find(std::string(customer_id));
  return found == customers_.end() ? nullptr : &found->second;
}

}  // namespace storepulse::server
