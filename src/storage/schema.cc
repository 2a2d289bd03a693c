#include "storage/schema.h"

#include <cassert>

namespace storepulse::storage {
namespace {

constexpr ColumnType kInteger = ColumnType::kInteger;
constexpr ColumnType kReal = ColumnType::kReal;
constexpr ColumnType kText = ColumnType::kText;
constexpr ColumnType kMoney = ColumnType::kMoney;
constexpr ColumnType kDate = ColumnType::kDate;
constexpr ColumnType kTimestamp = ColumnType::kTimestamp;
constexpr bool kNotNull = false;
constexpr bool kNullable = true;

// Key columns are NOT NULL; measures are nullable so that a later issue can add a metric
// that some rows do not have without a migration of the constraint.
std::vector<TableSpec> BuildTables() {
  std::vector<TableSpec> tables;
  // The two big tables keep only their keys: another index on order_lines costs about a
  // quarter of the SQLite load rate, and dashboards read the (indexed) metric tables;
  // ad-hoc queries on lines scan a source's rows, which the key clusters together.
  tables.push_back(TableSpec{
      .name = "order_lines",
      .kind = TableKind::kOrderLines,
      .columns = {{"source", kText, kNotNull},
                  {"row_index", kInteger, kNotNull},  // 0-based, in the clean table
                  {"invoice_no", kText, kNotNull},
                  {"stock_code", kText, kNotNull},
                  {"description", kText, kNotNull},
                  {"quantity", kInteger, kNotNull},
                  {"invoice_date", kTimestamp, kNotNull},
                  {"unit_price", kMoney, kNotNull},
                  {"customer_id", kText},
                  {"country", kText, kNotNull},
                  {"revenue", kMoney, kNotNull}},
      .primary_key = {"source", "row_index"},
      .clustered = true,
  });
  tables.push_back(TableSpec{
      .name = "quarantine",
      .kind = TableKind::kQuarantine,
      .columns = {{"source", kText, kNotNull},
                  {"line", kInteger, kNotNull},       // 1-based line in the input file
                  {"column_no", kInteger, kNotNull},  // 1-based character; 0: whole row
                  {"reason", kText, kNotNull},
                  {"field", kText},
                  {"detail", kText},
                  {"raw_row", kText}},
      .primary_key = {"source", "line"},
      .clustered = true,
  });
  tables.push_back(TableSpec{
      .name = "daily_metrics",
      .kind = TableKind::kMetrics,
      .columns = {{"source", kText, kNotNull},
                  {"date", kDate, kNotNull},
                  {"revenue", kMoney},
                  {"orders", kInteger},
                  {"lines", kInteger},
                  {"customers", kInteger},
                  {"products", kInteger},
                  {"quantity", kInteger},
                  {"countries", kInteger},
                  {"average_order_value", kMoney},
                  {"average_line_value", kMoney},
                  {"peak_hour", kInteger},
                  {"peak_hour_revenue", kMoney}},
      .indexes = {{"daily_metrics_source_date", {"source", "date"}, true}},
  });
  tables.push_back(TableSpec{
      .name = "customer_metrics",
      .kind = TableKind::kMetrics,
      .columns = {{"source", kText, kNotNull},
                  {"customer_id", kText, kNotNull},
                  {"revenue", kMoney},
                  {"orders", kInteger},
                  {"lines", kInteger},
                  {"first_purchase", kTimestamp},
                  {"last_purchase", kTimestamp},
                  {"tier", kText},
                  {"recency_days", kInteger},
                  {"frequency", kInteger},
                  {"monetary", kMoney},
                  {"r_score", kInteger},
                  {"f_score", kInteger},
                  {"m_score", kInteger},
                  {"rfm_segment", kText},
                  {"predicted_value_90d", kMoney}},
      .indexes = {{"customer_metrics_source_customer", {"source", "customer_id"}, true},
                  {"customer_metrics_source_segment", {"source", "rfm_segment"}}},
  });
  tables.push_back(TableSpec{
      .name = "product_metrics",
      .kind = TableKind::kMetrics,
      .columns = {{"source", kText, kNotNull},
                  {"stock_code", kText, kNotNull},
                  {"description", kText},
                  {"revenue", kMoney},
                  {"quantity", kInteger},
                  {"orders", kInteger},
                  {"customers", kInteger},
                  {"lines", kInteger}},
      .indexes = {{"product_metrics_source_stock", {"source", "stock_code"}, true}},
  });
  tables.push_back(TableSpec{
      .name = "country_metrics",
      .kind = TableKind::kMetrics,
      .columns = {{"source", kText, kNotNull},
                  {"country", kText, kNotNull},
                  {"revenue", kMoney},
                  {"orders", kInteger},
                  {"customers", kInteger},
                  {"lines", kInteger},
                  {"average_order_value", kMoney}},
      .indexes = {{"country_metrics_source_country", {"source", "country"}, true}},
  });
  tables.push_back(TableSpec{
      .name = "cohort_retention",
      .kind = TableKind::kMetrics,
      .columns = {{"source", kText, kNotNull},
                  {"cohort_month", kDate, kNotNull},  // the first day of the month
                  {"months_since", kInteger, kNotNull},
                  {"customers", kInteger},
                  {"active_customers", kInteger},
                  {"retention_rate", kReal}},
      .indexes = {{"cohort_retention_source_cohort",
                   {"source", "cohort_month", "months_since"},
                   true}},
  });
  tables.push_back(TableSpec{
      .name = "batch_runs",
      .kind = TableKind::kRuns,
      .has_id = true,
      .columns = {{"source", kText, kNotNull},
                  {"input_hash", kText, kNotNull},
                  {"started_at", kTimestamp, kNotNull},  // UTC
                  {"finished_at", kTimestamp},           // UTC; NULL while running
                  {"rows", kInteger},
                  {"status", kText, kNotNull},
                  {"message", kText}},
      .indexes = {{"batch_runs_source_started", {"source", "started_at"}}},
  });
  tables.push_back(TableSpec{
      .name = "model_registry",
      .kind = TableKind::kModels,
      .since_version = 2,
      .has_id = true,
      .columns = {{"model_version", kText, kNotNull,
                   2},                           // "line_revenue-2024...-ab12cd34"
                  {"kind", kText, kNotNull, 2},  // line_revenue, customer_value_90d, ...
                  {"source", kText, kNotNull, 2},           // the input it was trained on
                  {"trained_at", kTimestamp, kNotNull, 2},  // UTC
                  {"storepulse_version", kText, kNotNull, 2},
                  {"training_data_hash", kText, kNotNull, 2},
                  {"training_rows", kInteger, kNullable, 2},
                  {"test_rows", kInteger, kNullable, 2},
                  {"model_path", kText, kNullable, 2},  // the metadata JSON
                  {"features", kText, kNullable, 2},    // comma-separated, in order
                  {"parameters", kText, kNullable, 2},  // JSON
                  {"metrics", kText, kNullable, 2},     // JSON
                  {"registered_at", kTimestamp, kNotNull, 2}},  // UTC
      .indexes = {{"model_registry_version", {"model_version"}, true},
                  {"model_registry_kind_trained", {"kind", "trained_at"}}},
  });
  tables.push_back(TableSpec{
      .name = "forecasts",
      .kind = TableKind::kForecasts,
      .since_version = 2,
      .columns = {{"source", kText, kNotNull, 2},
                  {"model_version", kText, kNotNull, 2},
                  {"date", kDate, kNotNull, 2},
                  {"horizon_days", kInteger, kNotNull, 2},  // days after the last sale
                  {"revenue", kMoney, kNullable, 2},
                  {"orders", kReal, kNullable, 2}},
      .primary_key = {"source", "model_version", "date"},
  });
  return tables;
}

const std::vector<TableSpec>& Tables() {
  // Built once and never changed: a constant, not mutable global state.
  static const std::vector<TableSpec> tables = BuildTables();
  return tables;
}

std::string JoinNames(const std::vector<std::string_view>& names) {
  std::string joined;
  for (std::string_view name : names) {
    if (!joined.empty()) joined += ", ";
    joined += '"';
    joined += name;
    joined += '"';
  }
  return joined;
}

}  // namespace

const ColumnSpec* TableSpec::FindColumn(std::string_view column_name) const {
  for (const ColumnSpec& column : columns) {
    if (column.name == column_name) return &column;
  }
  return nullptr;
}

std::span<const TableSpec> WarehouseTables() { return Tables(); }

const TableSpec* FindTable(std::string_view name) {
  for (const TableSpec& table : Tables()) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

const TableSpec& TableOfKind(TableKind kind) {
  assert(kind != TableKind::kMetrics);
  for (const TableSpec& table : Tables()) {
    if (table.kind == kind) return table;
  }
  assert(false && "every non-metric kind has a table");
  return Tables().front();
}

const Dialect kSqliteDialect = {
    .name = "sqlite",
    .utc_now = "strftime('%Y-%m-%d %H:%M:%f', 'now')",
    .integer = "INTEGER",
    .real = "REAL",
    .text = "TEXT",
    // NUMERIC affinity: money is stored as a number that sorts and compares as one, and
    // the declared type tells BI tools it is a decimal (sqlite_money.h).
    .money = "NUMERIC(20,4)",
    // DATE and DATETIME have NUMERIC affinity, which leaves ISO text as text, and tell
    // BI tools that read declared types what the column holds.
    .date = "DATE",
    .timestamp = "DATETIME",
    .id_column = "\"id\" INTEGER PRIMARY KEY",
    .clustered_suffix = " WITHOUT ROWID",
};

const Dialect kPostgresDialect = {
    .name = "postgresql",
    .utc_now = "date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC')",
    .integer = "BIGINT",
    .real = "DOUBLE PRECISION",
    .text = "TEXT",
    .money = "NUMERIC(20,4)",
    .date = "DATE",
    .timestamp = "TIMESTAMP",
    .id_column = "\"id\" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    .clustered_suffix = "",
};

std::string_view Dialect::TypeName(ColumnType type) const {
  switch (type) {
    case ColumnType::kInteger:
      return integer;
    case ColumnType::kReal:
      return real;
    case ColumnType::kText:
      return text;
    case ColumnType::kMoney:
      return money;
    case ColumnType::kDate:
      return date;
    case ColumnType::kTimestamp:
      return timestamp;
  }
  return text;
}

std::vector<std::string> CreateTableStatements(const TableSpec& table,
                                               const Dialect& dialect, int version) {
  // Identifiers are quoted: "rows" and "date" are keywords in one dialect or the other
  // (usable unquoted as column names, but quoting costs nothing).
  std::string create = "CREATE TABLE \"" + std::string(table.name) + "\" (";
  bool first = true;
  if (table.has_id) {
    create += dialect.id_column;
    first = false;
  }
  for (const ColumnSpec& column : table.columns) {
    if (column.since_version > version) continue;
    if (!first) create += ", ";
    first = false;
    create += '"';
    create += column.name;
    create += "\" ";
    create += dialect.TypeName(column.type);
    if (!column.nullable) create += " NOT NULL";
  }
  if (!table.primary_key.empty()) {
    create += ", PRIMARY KEY (" + JoinNames(table.primary_key) + ")";
  }
  create += ")";
  if (table.clustered) create += dialect.clustered_suffix;

  std::vector<std::string> statements = {create};
  for (const IndexSpec& index : table.indexes) {
    statements.push_back(
        std::string(index.unique ? "CREATE UNIQUE INDEX \"" : "CREATE INDEX \"") +
        std::string(index.name) + "\" ON \"" + std::string(table.name) + "\" (" +
        JoinNames(index.columns) + ")");
  }
  return statements;
}

}  // namespace storepulse::storage
