#include "storage/migrations.h"

namespace storepulse::storage {
namespace {

std::vector<std::string> CreateInitialSchema(const Dialect& dialect) {
  std::vector<std::string> statements;
  for (const TableSpec& table : WarehouseTables()) {
    for (std::string& statement : CreateTableStatements(table, dialect, /*version=*/1)) {
      statements.push_back(std::move(statement));
    }
  }
  return statements;
}

constexpr Migration kMigrations[] = {
    {1, "order lines, quarantine, metric tables and batch runs", &CreateInitialSchema},
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
