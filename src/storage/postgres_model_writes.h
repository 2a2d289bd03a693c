// The PostgreSQL side of the warehouse calls that `storepulse train` makes
// (model_records.h), as statements in a caller's transaction. They throw what libpqxx
// throws; PostgresWarehouse catches it and commits. Internal to storage/.
#pragma once

#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "core/status.h"
#include "storage/model_records.h"

namespace storepulse::storage {

void PostgresRegisterModel(pqxx::work& transaction, const ModelRecord& record);
void PostgresStoreForecasts(pqxx::work& transaction, const std::string& source,
                            const std::string& model_version,
                            const std::vector<ForecastRecord>& rows);
// NotFound (and nothing written) when the source has no customer_metrics rows.
Result<uint64_t> PostgresSetPredictedValues(pqxx::work& transaction,
                                            const std::string& source,
                                            const std::vector<CustomerValue>& values);

}  // namespace storepulse::storage
