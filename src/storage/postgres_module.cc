// OpenPostgresWarehouse: loads the PostgreSQL module and calls into it.
#include "core/shared_library.h"
#include "storage/postgres_warehouse.h"

namespace storepulse::storage {

Result<std::unique_ptr<Warehouse>> OpenPostgresWarehouse(const std::string& conninfo,
                                                         const std::string& display_url) {
  // Loaded once per process, on first use.
  static const Result<OpenPostgresWarehouseFunction*> open =
      ModuleFunction<OpenPostgresWarehouseFunction>(
          kPostgresModule, kOpenPostgresWarehouseSymbol, "PostgreSQL support");
  if (!open.ok()) return open.status();
  Result<std::unique_ptr<Warehouse>> warehouse =
      Status::Internal("the PostgreSQL module opened nothing");
  (**open)(conninfo, display_url, &warehouse);
  return warehouse;
}

}  // namespace storepulse::storage
