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
// OpenWarehouse.
Result<std::unique_ptr<Warehouse>> OpenPostgresWarehouse(const std::string& conninfo,
                                                         const std::string& display_url);

}  // namespace storepulse::storage
