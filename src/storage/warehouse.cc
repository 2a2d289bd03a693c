#include "storage/warehouse.h"

#include "storage/postgres_warehouse.h"
#include "storage/sqlite_warehouse.h"
#include "storage/warehouse_url.h"

namespace storepulse::storage {

Result<std::unique_ptr<Warehouse>> OpenWarehouse(const std::string& url) {
  SP_ASSIGN_OR_RETURN(const WarehouseUrl parsed, ParseWarehouseUrl(url));
  switch (parsed.scheme) {
    case WarehouseScheme::kSqlite:
      return OpenSqliteWarehouse(parsed.sqlite_path, parsed.display);
    case WarehouseScheme::kPostgres:
      return OpenPostgresWarehouse(parsed.conninfo, parsed.display);
  }
  return Status::Internal("unhandled warehouse scheme in '" + parsed.display + "'");
}

}  // namespace storepulse::storage
