// The schema's history as numbered steps. A database records the steps it has applied
// in schema_version (version, description, applied_at); opening a warehouse applies the
// missing ones in order, all in one transaction, so a database is always at one known
// version. A database newer than this build is refused rather than written to.
//
// To change the schema: append a step (never edit an applied one), give new columns in
// schema.h since_version = the new step's version, and let the step add them (ALTER
// TABLE ... ADD COLUMN) in each dialect.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/schema.h"

namespace storepulse::storage {

struct Migration {
  int version;  // 1, 2, 3, ...: applied in this order
  std::string_view description;
  // The statements of the step in `dialect`.
  std::vector<std::string> (*statements)(const Dialect& dialect);
};

std::span<const Migration> WarehouseMigrations();
// The version a database has once every step is applied.
int LatestSchemaVersion();

// The DDL of the table that records applied steps (IF NOT EXISTS: run on every open).
std::string CreateSchemaVersionTable(const Dialect& dialect);

}  // namespace storepulse::storage
