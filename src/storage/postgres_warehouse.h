// The PostgreSQL warehouse, through libpqxx 6.x. Every libpqxx exception is caught here
// and returned as a Status: broken connections as IOError, SQL errors about the data or
// the statement (SQLSTATE classes 22, 23, 42, 25) as InvalidArgument.
//
// Loads are one transaction: DELETE the source's rows, then COPY ... FROM STDIN for each
// table (order lines, quarantine, every metric table), then COMMIT. Other sessions keep
// seeing the previous rows until the commit (MVCC). A connection lost mid-load leaves
// nothing behind: the server rolls the transaction back.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "storage/warehouse.h"

namespace storepulse::storage {

// Connects with libpq `conninfo` (a postgresql:// URL), and creates or migrates the
// schema. `display_url` is what url() returns and what messages name. Errors as for
// OpenWarehouse; Internal when the PostgreSQL module cannot be loaded. The warehouse is
// built as the module storepulse-postgres.so, loaded on the first call, so that runs
// without PostgreSQL never load libpq and the ~25 libraries it needs (TLS, Kerberos,
// LDAP).
Result<std::unique_ptr<Warehouse>> OpenPostgresWarehouse(const std::string& conninfo,
                                                         const std::string& display_url);

// The module's entry point: what OpenPostgresWarehouse returns, in `out`.
using OpenPostgresWarehouseFunction = void(const std::string& conninfo,
                                           const std::string& display_url,
                                           Result<std::unique_ptr<Warehouse>>* out);
inline constexpr char kPostgresModule[] = "storepulse-postgres.so";
inline constexpr char kOpenPostgresWarehouseSymbol[] =
    "storepulse_open_postgres_warehouse";

}  // namespace storepulse::storage
