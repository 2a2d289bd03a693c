#include "storage/migrations.h"

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

constexpr Migration kMigrations[] = {
    {1, "order lines, quarantine, metric tables and batch runs", &CreateInitialSchema},
    {2, "model registry and forecasts", &CreateModelTables},
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
