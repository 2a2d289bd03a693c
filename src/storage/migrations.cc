#include "storage/migrations.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace storepulse::storage {
namespace {

// The tables that step `version` creates, as of that version.
std::vector<std::string> CreateTablesOfVersion(const Dialect& dialect, int version) {
  std::vector<std::string> statements;
  for (const TableSpec& table : WarehouseTables()) {
    if (table.since_version != version) continue;
    for (std::string& statement : CreateTableStatements(table, dialect, version)) {
      statements.push_back(std::move(statement));
    }
  }
  return statements;
}

std::vector<std::string> CreateInitialSchema(const Dialect& dialect) {
  return CreateTablesOfVersion(dialect, 1);
}

std::vector<std::string> CreateModelTables(const Dialect& dialect) {
  return CreateTablesOfVersion(dialect, 2);
}

bool HasMoney(const TableSpec& table) {
  for (const ColumnSpec& column : table.columns) {
    if (column.type == ColumnType::kMoney) return true;
  }
  return false;
}

// Until version 3 SQLite kept money as four-decimal text: exact, but sorted and
// compared as text, so BI tools could not chart it. Each table with money is rebuilt
// with numeric money columns (sqlite_money.h); the text converts exactly through its
// 1/10,000 units (an integer), divided once. PostgreSQL has had NUMERIC(20,4) from the
// start. A new database runs this step too, on empty tables.
std::vector<std::string> StoreSqliteMoneyAsNumbers(const Dialect& dialect) {
  constexpr int kVersion = 3;
  std::vector<std::string> statements;
  if (dialect.name != kSqliteDialect.name) return statements;
  for (const TableSpec& table : WarehouseTables()) {
    if (table.since_version > kVersion || !HasMoney(table)) continue;
    const std::string old_name = fmt::format("\"{}_before_v3\"", table.name);
    statements.push_back(
        fmt::format("ALTER TABLE \"{}\" RENAME TO {}", table.name, old_name));
    // The renamed table keeps its indexes, and their names.
    for (const IndexSpec& index : table.indexes) {
      statements.push_back(fmt::format("DROP INDEX \"{}\"", index.name));
    }
    for (std::string& statement : CreateTableStatements(table, dialect, kVersion)) {
      statements.push_back(std::move(statement));
    }
    std::vector<std::string> columns;
    std::vector<std::string> values;
    if (table.has_id) {
      columns.push_back("\"id\"");
      values.push_back("\"id\"");
    }
    for (const ColumnSpec& column : table.columns) {
      if (column.since_version > kVersion) continue;
      const std::string quoted = fmt::format("\"{}\"", column.name);
      columns.push_back(quoted);
      values.push_back(
          column.type != ColumnType::kMoney
              ? quoted
              : fmt::format("CASE WHEN typeof({0}) = 'text' AND {0} GLOB "
                            "'*.[0-9][0-9][0-9][0-9]' THEN CAST(replace({0}, "
                            "'.', '') AS INTEGER) / 10000.0 ELSE {0} END",
                            quoted));
    }
    statements.push_back(fmt::format("INSERT INTO \"{}\" ({}) SELECT {} FROM {}",
                                     table.name, fmt::join(columns, ", "),
                                     fmt::join(values, ", "), old_name));
    statements.push_back("DROP TABLE " + old_name);
  }
  return statements;
}

constexpr Migration kMigrations[] = {
    {1, "order lines, quarantine, metric tables and batch runs", &CreateInitialSchema},
    {2, "model registry and forecasts", &CreateModelTables},
    {3, "money as numbers in SQLite", &StoreSqliteMoneyAsNumbers},
};

}  // namespace

std::span<const Migration> WarehouseMigrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

std::string CreateSchemaVersionTable(const Dialect& dialect) {
  return "CREATE TABLE IF NOT EXISTS schema_version (version " +
         std::string(dialect.integer) + " PRIMARY KEY, description " +
         std::string(dialect.text) + " NOT NULL, applied_at " +
         std::string(dialect.timestamp) + " NOT NULL)";
}

}  // namespace storepulse::storage
