// OpenPostgresWarehouse: loads the PostgreSQL module and calls into it.
#include <fmt/format.h>

#include "core/shared_library.h"
#include "storage/postgres_warehouse.h"

namespace storepulse::storage {
namespace {

Result<OpenPostgresWarehouseFunction*> LoadOpen() {
  SP_ASSIGN_OR_RETURN(const SharedLibrary module, OpenModule(kPostgresModule));
  return module.Function<OpenPostgresWarehouseFunction>(kOpenPostgresWarehouseSymbol);
}

}  // namespace

Result<std::unique_ptr<Warehouse>> OpenPostgresWarehouse(const std::string& conninfo,
                                                         const std::string& display_url) {
  // Loaded once per process, on first use.
  static const Result<OpenPostgresWarehouseFunction*> open = LoadOpen();
  if (!open.ok()) {
    return Status::Internal(
        fmt::format("PostgreSQL support: {}", open.status().message()));
  }
  Result<std::unique_ptr<Warehouse>> warehouse =
      Status::Internal("the PostgreSQL module opened nothing");
  (**open)(conninfo, display_url, &warehouse);
  return warehouse;
}

}  // namespace storepulse::storage
