// What `storepulse train` stores in the warehouse besides the batch's tables: a
// model_registry row per trained model, the daily forecasts of a model version, and the
// customers' predicted 90-day value (customer_metrics.predicted_value_90d).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/civil_time.h"
#include "core/money.h"
#include "core/status.h"

namespace storepulse::storage {

struct ModelRecord {
  std::string model_version;  // unique: registering it again replaces its row
  std::string kind;           // "line_revenue", "customer_value_90d", "daily_forecast"
  std::string source;         // the input file it was trained on, as given
  Timestamp trained_at = 0;   // UTC
  std::string storepulse_version;
  std::string training_data_hash;
  int64_t training_rows = 0;
  int64_t test_rows = 0;
  std::string model_path;  // its metadata JSON
  std::string features;    // comma-separated, in the model's order
  std::string parameters;  // JSON
  std::string metrics;     // JSON
};

struct ForecastRecord {
  int64_t day = 0;       // days since 1970-01-01
  int horizon_days = 0;  // days after the source's last sale
  Money revenue;
  double orders = 0;
};

struct CustomerValue {
  std::string customer_id;
  Money predicted_value_90d;
};

// InvalidArgument, naming the customer, when one is in `values` twice: both backends
// refuse that before writing anything, rather than each keeping a different one.
Status CheckOneValuePerCustomer(const std::vector<CustomerValue>& values);

}  // namespace storepulse::storage
