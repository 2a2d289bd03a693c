#include "storage/postgres_model_writes.h"

#include <array>

#include "storage/postgres_copy.h"
#include "storage/schema.h"
#include "storage/value_text.h"

namespace storepulse::storage {

void PostgresRegisterModel(pqxx::work& transaction, const ModelRecord& record) {
  std::string trained_at;
  AppendTimestampText(record.trained_at, &trained_at);
  transaction.exec_params0("DELETE FROM model_registry WHERE model_version = $1",
                           record.model_version);
  transaction.exec_params0(
      "INSERT INTO model_registry (model_version, kind, source, trained_at, "
      "storepulse_version, training_data_hash, training_rows, test_rows, model_path, "
      "features, parameters, metrics, registered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10, $11, $12, " +
          std::string(kPostgresDialect.utc_now) + ")",
      record.model_version, record.kind, record.source, trained_at,
      record.storepulse_version, record.training_data_hash, record.training_rows,
      record.test_rows, record.model_path, record.features, record.parameters,
      record.metrics);
}

void PostgresStoreForecasts(pqxx::work& transaction, const std::string& source,
                            const std::string& model_version,
                            const std::vector<ForecastRecord>& rows) {
  transaction.exec_params0(
      "DELETE FROM forecasts WHERE source = $1 AND model_version = $2", source,
      model_version);
  std::string date, revenue, orders;
  for (const ForecastRecord& row : rows) {
    date.clear();
    AppendDateText(row.day, &date);
    revenue.clear();
    AppendMoneyText(row.revenue, &revenue);
    orders.clear();
    AppendRealText(row.orders, &orders);
    transaction.exec_params0(
        "INSERT INTO forecasts (source, model_version, \"date\", horizon_days, revenue, "
        "orders) VALUES ($1, $2, $3::DATE, $4, $5::NUMERIC, $6::DOUBLE PRECISION)",
        source, model_version, date, row.horizon_days, revenue, orders);
  }
}

Result<uint64_t> PostgresSetPredictedValues(pqxx::work& transaction,
                                            const std::string& source,
                                            const std::vector<CustomerValue>& values) {
  SP_RETURN_IF_ERROR(CheckOneValuePerCustomer(values));
  const pqxx::result cleared = transaction.exec_params(
      "UPDATE customer_metrics SET predicted_value_90d = NULL WHERE source = $1", source);
  if (cleared.affected_rows() == 0) {
    return Status::NotFound("no customer_metrics rows for source '" + source +
                            "': run `storepulse batch` on it first");
  }
  if (values.empty()) return 0;
  // One COPY and one joined UPDATE: a statement per customer was a round trip each
  // (4,338 of them for the real export).
  transaction.exec0(
      "CREATE TEMPORARY TABLE predicted_values (customer_id TEXT PRIMARY KEY, "
      "value NUMERIC NOT NULL) ON COMMIT DROP");
  {
    pqxx::stream_to stream(transaction, "predicted_values",
                           std::vector<std::string>{"customer_id", "value"});
    std::array<CopyField, 2> fields;
    std::string value;
    for (const CustomerValue& customer : values) {
      value.clear();
      AppendMoneyText(customer.predicted_value_90d, &value);
      fields[0].text = customer.customer_id;
      fields[1].text = value;
      stream << fields;
    }
    stream.complete();
  }
  const pqxx::result updated = transaction.exec_params(
      "UPDATE customer_metrics AS m SET predicted_value_90d = p.value "
      "FROM predicted_values AS p WHERE m.source = $1 AND m.customer_id = p.customer_id",
      source);
  return static_cast<uint64_t>(updated.affected_rows());
}

}  // namespace storepulse::storage
