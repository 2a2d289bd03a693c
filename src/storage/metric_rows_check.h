// Checks MetricRows against the schema before a backend writes them, so that a bad row
// fails with a message naming its table, row and column instead of a backend's own
// wording (or, in SQLite, being stored as whatever it is).
#pragma once

#include <vector>

#include "core/status.h"
#include "storage/batch_load.h"
#include "storage/schema.h"

namespace storepulse::storage {

struct CheckedMetricRows {
  const TableSpec* table = nullptr;
  std::vector<const ColumnSpec*> columns;  // parallel to MetricRows::columns
};

// InvalidArgument when `rows.table` is not a metric table, a column is unknown, repeated
// or `source`, a row has the wrong number of values, or a value does not fit its column
// (wrong type, or NULL in a NOT NULL column).
Result<CheckedMetricRows> CheckMetricRows(const MetricRows& rows);

}  // namespace storepulse::storage
