// The warehouse schema, written once as data: every table, its columns and types, keys
// and indexes. Both backends render their DDL from it (with their own type names, see
// value.h) and validate metric rows against it, so the two can never drift apart.
//
// Tables (every data table has a `source` column: the input file name as given, the
// unit a load replaces):
//   order_lines       the clean order lines, one row per line of the clean table
//   quarantine        the rejected input rows, with reason and raw text
//   daily_metrics     one row per date                 } the metric tables, filled
//   customer_metrics  one row per customer (tiers, RFM) } from MetricRows; their column
//   product_metrics   one row per stock code           } names are the ones below
//   country_metrics   one row per country              }
//   cohort_retention  one row per cohort month × months since the first order
//   batch_runs        one row per batch run: id, source, input hash, started_at and
//                     finished_at (UTC), rows, status ('running', 'succeeded', 'failed')
//                     and message
//   model_registry    one row per trained model (`storepulse train`): its version, kind,
//                     training data, files, parameters and metrics (schema version 2)
//   forecasts         the daily revenue and orders forecast by a model version for the
//                     days after its source's last sale (schema version 2)
// plus schema_version (see migrations.h). A batch load replaces the rows of its source in
// the data tables (order_lines ... cohort_retention) only: models and forecasts are
// written by `storepulse train`, which runs after it, and keep their history.
//
// A run whose process died (killed, power cut) cannot mark itself failed; its row stays
// 'running' until the next run of the same source begins, which marks it 'failed' with
// kInterruptedRunMessage. Its load, if any had started, was rolled back.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/value.h"

namespace storepulse::storage {

inline constexpr char kInterruptedRunMessage[] =
    "interrupted: still running when a new run of this source began (the process died?)";

struct ColumnSpec {
  std::string_view name;
  ColumnType type;
  bool nullable = true;
  // The schema version (migrations.h) that added the column; the step that creates a
  // table creates only the columns of its own version, later steps add the others.
  int since_version = 1;
};

struct IndexSpec {
  std::string_view name;
  std::vector<std::string_view> columns = {};
  bool unique = false;
};

enum class TableKind {
  kOrderLines,  // written from BatchLoad::lines
  kQuarantine,  // written from BatchLoad::quarantine
  kMetrics,     // written from BatchLoad::metrics
  kRuns,        // batch_runs: written by BeginRun and FinishRun
  kModels,      // model_registry: written by RegisterModel
  kForecasts,   // forecasts: written by StoreForecasts
};

// Whether Load replaces the rows of its source in tables of `kind`.
inline bool ReplacedByLoad(TableKind kind) {
  return kind == TableKind::kOrderLines || kind == TableKind::kQuarantine ||
         kind == TableKind::kMetrics;
}

struct TableSpec {
  std::string_view name;
  TableKind kind;
  // The schema version (migrations.h) whose step creates the table.
  int since_version = 1;
  // A generated 64-bit `id` primary key before the columns (batch_runs).
  bool has_id = false;
  std::vector<ColumnSpec> columns = {};
  // The primary key, if any (besides `id`).
  std::vector<std::string_view> primary_key = {};
  // Rows stored in primary-key order, with no separate key index (SQLite: WITHOUT
  // ROWID). For the big tables, which loads append to in key order: one B-tree to write
  // instead of two.
  bool clustered = false;
  std::vector<IndexSpec> indexes = {};

  // The column named `name`, or nullptr.
  const ColumnSpec* FindColumn(std::string_view name) const;
};

// Every table of the latest schema version, in creation order.
std::span<const TableSpec> WarehouseTables();
// The table named `name`, or nullptr.
const TableSpec* FindTable(std::string_view name);
// The table for `kind` (REQUIRES: kind is not kMetrics, which has several tables).
const TableSpec& TableOfKind(TableKind kind);

// A backend's SQL spelling of the schema.
struct Dialect {
  std::string_view name;     // "sqlite", "postgresql"
  std::string_view utc_now;  // an expression: the current UTC time to the millisecond
  std::string_view integer, real, text, money, date, timestamp;
  std::string_view id_column;  // the whole column definition of a generated `id` key
  std::string_view clustered_suffix;  // after CREATE TABLE (...) of a clustered table

  std::string_view TypeName(ColumnType type) const;
};
extern const Dialect kSqliteDialect;
extern const Dialect kPostgresDialect;

// CREATE TABLE and CREATE INDEX statements for `table` as of `version`: only columns
// with since_version <= version.
std::vector<std::string> CreateTableStatements(const TableSpec& table,
                                               const Dialect& dialect, int version);

}  // namespace storepulse::storage
