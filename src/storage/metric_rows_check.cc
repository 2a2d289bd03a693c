#include "storage/metric_rows_check.h"

#include <string>

namespace storepulse::storage {

Result<CheckedMetricRows> CheckMetricRows(const MetricRows& rows) {
  CheckedMetricRows checked;
  checked.table = FindTable(rows.table);
  if (checked.table == nullptr || checked.table->kind != TableKind::kMetrics) {
    return Status::InvalidArgument(
        "metric rows for '" + rows.table +
        "': not a metric table (daily_metrics, customer_metrics, product_metrics, "
        "country_metrics, cohort_retention)");
  }
  const std::string& table = rows.table;
  for (const std::string& name : rows.columns) {
    const ColumnSpec* column = checked.table->FindColumn(name);
    if (column == nullptr) {
      return Status::InvalidArgument(table + " has no column '" + name + "'");
    }
    if (name == "source") {
      return Status::InvalidArgument(table +
                                     ": column 'source' is set by the load, not given");
    }
    for (const ColumnSpec* seen : checked.columns) {
      if (seen == column) {
        return Status::InvalidArgument(table + ": column '" + name + "' given twice");
      }
    }
    checked.columns.push_back(column);
  }
  // A NOT NULL column left out would be NULL.
  for (const ColumnSpec& column : checked.table->columns) {
    if (column.nullable || column.name == "source") continue;
    bool given = false;
    for (const ColumnSpec* seen : checked.columns) given = given || seen == &column;
    if (!given) {
      return Status::InvalidArgument(table + ": key column '" + std::string(column.name) +
                                     "' is missing");
    }
  }
  for (size_t row_idx = 0; row_idx < rows.rows.size(); ++row_idx) {
    const std::vector<Value>& row = rows.rows[row_idx];
    const std::string where = table + " row " + std::to_string(row_idx + 1);
    if (row.size() != checked.columns.size()) {
      return Status::InvalidArgument(where + ": " + std::to_string(row.size()) +
                                     " values for " +
                                     std::to_string(checked.columns.size()) + " columns");
    }
    for (size_t column_idx = 0; column_idx < row.size(); ++column_idx) {
      const ColumnSpec& column = *checked.columns[column_idx];
      const Value& value = row[column_idx];
      if (IsNull(value) ? column.nullable : FitsColumn(value, column.type)) continue;
      // "daily_metrics row 3, column orders (integer): got text"
      return Status::InvalidArgument(where + ", column " + std::string(column.name) +
                                     " (" + std::string(ColumnTypeName(column.type)) +
                                     (column.nullable ? "" : ", NOT NULL") + "): got " +
                                     std::string(ValueKindName(value)));
    }
  }
  return checked;
}

}  // namespace storepulse::storage
