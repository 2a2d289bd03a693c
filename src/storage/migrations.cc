#include "storage/migrations.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "storage/sqlite_money.h"

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
// with numeric money columns (sqlite_money.h): the text converts through its 1/10,000
// units (an integer), whole amounts to integers and the others divided once. A
// fractional amount that a double cannot hold exactly stops the step (and so the open),
// naming the problem, rather than being rounded; text that is not a four-decimal amount
// is copied as it is. Views naming the tables keep working and indexes or triggers a
// user added come back (SqliteWarehouse::Migrate). PostgreSQL has had NUMERIC(20,4) from
// the start. A new database runs this step too, on empty tables. Indexes added to these
// tables after version 3 must not be created here: this step renders the tables as of
// version 3 from the current schema.
std::vector<std::string> StoreSqliteMoneyAsNumbers(const Dialect& dialect) {
  constexpr int kVersion = 3;
  std::vector<std::string> statements;
  if (dialect.name != kSqliteDialect.name) return statements;
  statements.push_back(fmt::format(
      "CREATE TEMP TABLE money_check (amount, CONSTRAINT \"a fractional amount of {} or "
      "more cannot be held exactly as a number in SQLite: keep this warehouse with the "
      "storepulse that wrote it, or load the data into PostgreSQL\" CHECK (0))",
      kSqliteMoneyLimitUnits / Money::kUnitsPerCurrency));
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
    std::vector<std::string> inexact;
    if (table.has_id) {
      columns.push_back("\"id\"");
      values.push_back("\"id\"");
    }
    for (const ColumnSpec& column : table.columns) {
      if (column.since_version > kVersion) continue;
      const std::string quoted = fmt::format("\"{}\"", column.name);
      columns.push_back(quoted);
      if (column.type != ColumnType::kMoney) {
        values.push_back(quoted);
        continue;
      }
      // "-1234.5600": an optional sign, digits, one point, four digits.
      const std::string amount = fmt::format(
          "(typeof({0}) = 'text' AND ({0} GLOB '[0-9]*.[0-9][0-9][0-9][0-9]' OR {0} GLOB "
          "'-[0-9]*.[0-9][0-9][0-9][0-9]') AND NOT substr({0}, 2) GLOB '*[^0-9.]*' AND "
          "length({0}) - length(replace({0}, '.', '')) = 1)",
          quoted);
      const std::string units =
          fmt::format("CAST(replace({}, '.', '') AS INTEGER)", quoted);
      values.push_back(fmt::format(
          "CASE WHEN {0} THEN (CASE WHEN {1} % 10000 = 0 THEN {1} / 10000 ELSE {1} / "
          "10000.0 END) ELSE {2} END",
          amount, units, quoted));
      // Converted, a fractional amount is a real and a whole one an integer.
      inexact.push_back(fmt::format("(typeof({0}) = 'real' AND abs({0}) >= {1})", quoted,
                                    kSqliteMoneyLimitUnits / Money::kUnitsPerCurrency));
    }
    statements.push_back(fmt::format("INSERT INTO \"{}\" ({}) SELECT {} FROM {}",
                                     table.name, fmt::join(columns, ", "),
                                     fmt::join(values, ", "), old_name));
    statements.push_back(
        fmt::format("INSERT INTO temp.money_check SELECT 1 FROM \"{}\" WHERE {}",
                    table.name, fmt::join(inexact, " OR ")));
    statements.push_back("DROP TABLE " + old_name);
  }
  statements.push_back("DROP TABLE temp.money_check");
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
