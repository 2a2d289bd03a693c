// The SQLite side of the warehouse calls that `storepulse train` makes (model_records.h),
// each in its own transaction. Internal to storage/: SqliteWarehouse forwards to them.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "storage/model_records.h"
#include "storage/sqlite_db.h"

namespace storepulse::storage {

Status SqliteRegisterModel(SqliteDb& db, const ModelRecord& record);
Status SqliteStoreForecasts(SqliteDb& db, const std::string& source,
                            const std::string& model_version,
                            const std::vector<ForecastRecord>& rows);
Result<uint64_t> SqliteSetPredictedValues(SqliteDb& db, const std::string& source,
                                          const std::vector<CustomerValue>& values);

}  // namespace storepulse::storage
