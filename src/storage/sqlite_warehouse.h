// The embedded warehouse: one SQLite database file (plus its -wal and -shm files).
//
// Loads run in one BEGIN IMMEDIATE transaction with reused prepared statements; the
// database is in WAL mode with synchronous=NORMAL, so a commit is atomic and survives a
// crash of the process (a power cut may lose the last commits, never half of one), and
// readers (BI tools, the API) keep reading while a load writes.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "storage/warehouse.h"

namespace storepulse::storage {

// Opens or creates the database at `path` and brings its schema up to date.
// `display_url` is what url() returns. Errors as for OpenWarehouse.
Result<std::unique_ptr<Warehouse>> OpenSqliteWarehouse(const std::string& path,
                                                       const std::string& display_url);

}  // namespace storepulse::storage
