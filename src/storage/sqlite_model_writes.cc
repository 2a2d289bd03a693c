#include "storage/sqlite_model_writes.h"

#include <functional>

#include "storage/schema.h"
#include "storage/sqlite_money.h"
#include "storage/value_text.h"

namespace storepulse::storage {
namespace {

// Runs `body` in a write transaction: committed when it succeeds, rolled back when it
// or the commit fails.
Status InTransaction(SqliteDb& db, const std::function<Status()>& body) {
  SP_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status status = body();
  if (status.ok()) status = db.Exec("COMMIT");
  if (!status.ok() && !sqlite3_get_autocommit(db.get())) (void)db.Exec("ROLLBACK");
  return status;
}

Status BindReal(SqliteDb& db, const SqliteStatement& statement, int index, double value) {
  const int rc = sqlite3_bind_double(statement.get(), index, value);
  return rc == SQLITE_OK ? Status::Ok() : db.Error(rc, "binding a real parameter");
}

// `where` names the value in the error when the amount is beyond the exact range.
Status BindMoney(SqliteDb& db, const SqliteStatement& statement, int index, Money amount,
                 std::string_view where) {
  if (!SqliteHoldsMoneyExactly(amount)) return SqliteMoneyOutOfRange(amount, where);
  const int rc = BindSqliteMoney(statement.get(), index, amount);
  return rc == SQLITE_OK ? Status::Ok() : db.Error(rc, where);
}

}  // namespace

Status SqliteRegisterModel(SqliteDb& db, const ModelRecord& record) {
  SP_ASSIGN_OR_RETURN(SqliteStatement remove,
                      db.Prepare("DELETE FROM model_registry WHERE model_version = ?1"));
  SP_ASSIGN_OR_RETURN(
      SqliteStatement insert,
      db.Prepare("INSERT INTO model_registry (model_version, kind, source, trained_at, "
                 "storepulse_version, training_data_hash, training_rows, test_rows, "
                 "model_path, features, parameters, metrics, registered_at) VALUES (?1, "
                 "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, " +
                 std::string(kSqliteDialect.utc_now) + ")"));
  std::string trained_at;
  AppendTimestampText(record.trained_at, &trained_at);
  SP_RETURN_IF_ERROR(db.BindText(remove, 1, record.model_version));
  SP_RETURN_IF_ERROR(db.BindText(insert, 1, record.model_version));
  SP_RETURN_IF_ERROR(db.BindText(insert, 2, record.kind));
  SP_RETURN_IF_ERROR(db.BindText(insert, 3, record.source));
  SP_RETURN_IF_ERROR(db.BindText(insert, 4, trained_at));
  SP_RETURN_IF_ERROR(db.BindText(insert, 5, record.storepulse_version));
  SP_RETURN_IF_ERROR(db.BindText(insert, 6, record.training_data_hash));
  SP_RETURN_IF_ERROR(db.BindInt64(insert, 7, record.training_rows));
  SP_RETURN_IF_ERROR(db.BindInt64(insert, 8, record.test_rows));
  SP_RETURN_IF_ERROR(db.BindText(insert, 9, record.model_path));
  SP_RETURN_IF_ERROR(db.BindText(insert, 10, record.features));
  SP_RETURN_IF_ERROR(db.BindText(insert, 11, record.parameters));
  SP_RETURN_IF_ERROR(db.BindText(insert, 12, record.metrics));
  return InTransaction(db, [&]() -> Status {
    SP_RETURN_IF_ERROR(db.Run(remove, "replacing model " + record.model_version));
    return db.Run(insert, "registering model " + record.model_version);
  });
}

Status SqliteStoreForecasts(SqliteDb& db, const std::string& source,
                            const std::string& model_version,
                            const std::vector<ForecastRecord>& rows) {
  SP_ASSIGN_OR_RETURN(
      SqliteStatement remove,
      db.Prepare("DELETE FROM forecasts WHERE source = ?1 AND model_version = ?2"));
  SP_ASSIGN_OR_RETURN(
      SqliteStatement insert,
      db.Prepare("INSERT INTO forecasts (source, model_version, \"date\", horizon_days, "
                 "revenue, orders) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  SP_RETURN_IF_ERROR(db.BindText(remove, 1, source));
  SP_RETURN_IF_ERROR(db.BindText(remove, 2, model_version));
  SP_RETURN_IF_ERROR(db.BindText(insert, 1, source));
  SP_RETURN_IF_ERROR(db.BindText(insert, 2, model_version));
  return InTransaction(db, [&]() -> Status {
    SP_RETURN_IF_ERROR(db.Run(remove, "replacing the forecasts of " + model_version));
    std::string date;
    for (size_t i = 0; i < rows.size(); ++i) {
      date.clear();
      AppendDateText(rows[i].day, &date);
      SP_RETURN_IF_ERROR(db.BindText(insert, 3, date));
      SP_RETURN_IF_ERROR(db.BindInt64(insert, 4, rows[i].horizon_days));
      SP_RETURN_IF_ERROR(
          BindMoney(db, insert, 5, rows[i].revenue,
                    "forecasts row " + std::to_string(i + 1) + ", revenue"));
      SP_RETURN_IF_ERROR(BindReal(db, insert, 6, rows[i].orders));
      SP_RETURN_IF_ERROR(db.Run(insert, "forecasts row " + std::to_string(i + 1)));
    }
    return Status::Ok();
  });
}

Result<uint64_t> SqliteSetPredictedValues(SqliteDb& db, const std::string& source,
                                          const std::vector<CustomerValue>& values) {
  SP_RETURN_IF_ERROR(CheckOneValuePerCustomer(values));
  SP_ASSIGN_OR_RETURN(SqliteStatement clear,
                      db.Prepare("UPDATE customer_metrics SET predicted_value_90d = NULL "
                                 "WHERE source = ?1"));
  SP_ASSIGN_OR_RETURN(
      SqliteStatement update,
      db.Prepare("UPDATE customer_metrics SET predicted_value_90d = ?3 WHERE source = ?1 "
                 "AND customer_id = ?2"));
  SP_RETURN_IF_ERROR(db.BindText(clear, 1, source));
  SP_RETURN_IF_ERROR(db.BindText(update, 1, source));
  uint64_t updated = 0;
  const Status status = InTransaction(db, [&]() -> Status {
    SP_RETURN_IF_ERROR(db.Run(clear, "clearing predicted values"));
    if (sqlite3_changes(db.get()) == 0) {
      return Status::NotFound("no customer_metrics rows for source '" + source +
                              "': run `storepulse batch` on it first");
    }
    for (const CustomerValue& customer : values) {
      SP_RETURN_IF_ERROR(db.BindText(update, 2, customer.customer_id));
      SP_RETURN_IF_ERROR(BindMoney(db, update, 3, customer.predicted_value_90d,
                                   "the predicted value of " + customer.customer_id));
      SP_RETURN_IF_ERROR(
          db.Run(update, "setting the predicted value of " + customer.customer_id));
      updated += static_cast<uint64_t>(sqlite3_changes(db.get()));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return updated;
}

}  // namespace storepulse::storage
