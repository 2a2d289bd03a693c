// The PostgreSQL warehouse (see postgres_warehouse.h), built as the module
// storepulse-postgres.so: only this module links libpqxx and libpq.
#include "storage/postgres_warehouse.h"

#include <pqxx/pqxx>

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "storage/metric_rows_check.h"
#include "storage/migrations.h"
#include "storage/order_lines_reader.h"
#include "storage/postgres_copy.h"
#include "storage/postgres_model_writes.h"
#include "storage/schema.h"
#include "storage/value_text.h"

namespace storepulse::storage {
namespace {

// Serialises schema migrations of concurrent openers (pg_advisory_xact_lock key).
constexpr int64_t kMigrationLockKey = 0x73746f7265707573;  // "storepus"

std::string TrimmedWhat(const std::exception& error) {
  std::string message = error.what();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

// The one place libpqxx's exceptions become Status. Called from a catch block.
Status StatusFromException(std::string_view what) {
  const std::string prefix = std::string(what) + ": ";
  try {
    throw;
  } catch (const pqxx::broken_connection& error) {
    return Status::IOError(prefix + TrimmedWhat(error));
  } catch (const pqxx::in_doubt_error& error) {
    return Status::IOError(prefix +
                           "the connection was lost during COMMIT, so whether it "
                           "took effect is unknown: " +
                           TrimmedWhat(error));
  } catch (const pqxx::sql_error& error) {
    const std::string_view state = error.sqlstate();
    // 22 data exception, 23 integrity constraint, 42 syntax or undefined object,
    // 25 invalid transaction state (a write in a read-only transaction).
    const std::string_view state_class =
        state.substr(0, std::min<size_t>(2, state.size()));
    if (state_class == "22" || state_class == "23" || state_class == "42" ||
        state_class == "25") {
      return Status::InvalidArgument(prefix + TrimmedWhat(error));
    }
    return Status::IOError(prefix + TrimmedWhat(error));
  } catch (const std::exception& error) {
    return Status::Internal(prefix + TrimmedWhat(error));
  } catch (...) {
    return Status::Internal(prefix + "unknown exception");
  }
}

// "name" as a quoted SQL identifier.
std::string Quoted(std::string_view name) {
  std::string quoted;
  quoted.reserve(name.size() + 2);
  quoted.push_back('"');
  quoted.append(name);
  quoted.push_back('"');
  return quoted;
}

class PostgresWarehouse final : public Warehouse {
 public:
  PostgresWarehouse(std::unique_ptr<pqxx::connection> connection, std::string display_url)
      : connection_(std::move(connection)), url_(std::move(display_url)) {}

  Status Initialize();

  std::string url() const override { return url_; }
  Result<int64_t> BeginRun(const std::string& source,
                           const std::string& input_hash) override;
  Status Load(int64_t run_id, const BatchLoad& load) override;
  Status FinishRun(int64_t run_id, bool succeeded, uint64_t rows,
                   const std::string& message) override;
  Status RegisterModel(const ModelRecord& record) override;
  Status StoreForecasts(const std::string& source, const std::string& model_version,
                        const std::vector<ForecastRecord>& rows) override;
  Result<uint64_t> SetPredictedValues(const std::string& source,
                                      const std::vector<CustomerValue>& values) override;
  Result<QueryResult> Query(const std::string& sql) override;
  Result<Table> ReadOrderLines(const std::string& source) override;

 private:
  // The bodies of the public calls: they may throw pqxx exceptions.
  Status Migrate();
  Status ReplaceSource(pqxx::work& transaction, int64_t run_id, const BatchLoad& load);
  void CopyOrderLines(pqxx::work& transaction, const std::string& source,
                      const Table& lines);
  void CopyQuarantine(pqxx::work& transaction, const std::string& source,
                      const std::vector<QuarantineRecord>& records);
  Status CopyMetrics(pqxx::work& transaction, const std::string& source,
                     const MetricRows& metrics);

  const std::unique_ptr<pqxx::connection> connection_;
  const std::string url_;
};

Status PostgresWarehouse::Initialize() {
  try {
    // Remembered by libpqxx and set again if it reconnects. Quiet notices ("relation
    // already exists, skipping") that libpqxx would print to stderr; fix the text forms
    // that Query returns (value_text.h).
    connection_->set_variable("client_min_messages", "warning");
    connection_->set_variable("DateStyle", "'ISO, YMD'");
    connection_->set_variable("extra_float_digits", "1");
    connection_->set_client_encoding("UTF8");
    return Migrate();
  } catch (...) {
    return StatusFromException("preparing the schema of " + url_);
  }
}

Status PostgresWarehouse::Migrate() {
  pqxx::work transaction(*connection_);
  transaction.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockKey);
  transaction.exec0(CreateSchemaVersionTable(kPostgresDialect));
  const int64_t version =
      transaction.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0]
          .as<int64_t>();
  if (version > LatestSchemaVersion()) {
    // Returning aborts the transaction: nothing is written to a newer schema.
    return Status::Corruption(url_ + " is at schema version " + std::to_string(version) +
                              ", newer than this storepulse knows (" +
                              std::to_string(LatestSchemaVersion()) +
                              "): use a newer storepulse");
  }
  for (const Migration& migration : WarehouseMigrations()) {
    if (migration.version <= version) continue;
    for (const std::string& statement : migration.statements(kPostgresDialect)) {
      transaction.exec0(statement);
    }
    transaction.exec_params0(
        "INSERT INTO schema_version (version, description, applied_at) "
        "VALUES ($1, $2, " +
            std::string(kPostgresDialect.utc_now) + ")",
        migration.version, std::string(migration.description));
  }
  transaction.commit();
  return Status::Ok();
}

Result<int64_t> PostgresWarehouse::BeginRun(const std::string& source,
                                            const std::string& input_hash) {
  try {
    const std::string now(kPostgresDialect.utc_now);
    pqxx::work transaction(*connection_);
    transaction.exec_params0(
        "UPDATE batch_runs SET status = 'failed', finished_at = " + now +
            ", message = $2 WHERE source = $1 AND status = 'running'",
        source, std::string(kInterruptedRunMessage));
    const pqxx::row row = transaction.exec_params1(
        "INSERT INTO batch_runs (source, input_hash, started_at, status) VALUES ($1, "
        "$2, " +
            now + ", 'running') RETURNING id",
        source, input_hash);
    // Committed at once, before any load, so that a run that dies leaves its row.
    transaction.commit();
    return row[0].as<int64_t>();
  } catch (...) {
    return StatusFromException("recording a batch run in " + url_);
  }
}

Status PostgresWarehouse::Load(int64_t run_id, const BatchLoad& load) {
  try {
    pqxx::work transaction(*connection_);
    SP_RETURN_IF_ERROR(ReplaceSource(transaction, run_id, load));
    transaction.commit();
    return Status::Ok();
  } catch (...) {
    // The transaction's destructor has rolled it back.
    return StatusFromException("loading " + load.source + " into " + url_);
  }
}

Status PostgresWarehouse::ReplaceSource(pqxx::work& transaction, int64_t run_id,
                                        const BatchLoad& load) {
  if (transaction.exec_params("SELECT 1 FROM batch_runs WHERE id = $1", run_id).empty()) {
    return Status::NotFound("no batch run " + std::to_string(run_id) + " in " + url_);
  }
  for (const TableSpec& table : WarehouseTables()) {
    if (!ReplacedByLoad(table.kind)) continue;
    transaction.exec_params0("DELETE FROM " + Quoted(table.name) + " WHERE source = $1",
                             load.source);
  }
  if (load.lines != nullptr) CopyOrderLines(transaction, load.source, *load.lines);
  CopyQuarantine(transaction, load.source, load.quarantine);
  for (const MetricRows& metrics : load.metrics) {
    SP_RETURN_IF_ERROR(CopyMetrics(transaction, load.source, metrics));
  }
  return Status::Ok();
}

void PostgresWarehouse::CopyOrderLines(pqxx::work& transaction, const std::string& source,
                                       const Table& lines) {
  static constexpr std::array<std::string_view, 11> kColumns = {
      "source",      "row_index", "invoice_no",   "stock_code",
      "description", "quantity",  "invoice_date", "unit_price",
      "customer_id", "country",   "revenue"};
  std::vector<std::string> columns;
  for (std::string_view column : kColumns) columns.push_back(Quoted(column));
  pqxx::stream_to stream(transaction, "order_lines", columns);

  std::string row_text, quantity_text, timestamp_text, price_text, revenue_text;
  std::array<CopyField, kColumns.size()> fields;
  fields[0].text = source;
  for (size_t row = 0; row < lines.size(); ++row) {
    const OrderLine line = lines.Row(row);  // views into the table's dictionaries
    row_text = std::to_string(row);
    quantity_text = std::to_string(line.quantity);
    timestamp_text.clear();
    AppendTimestampText(line.timestamp, &timestamp_text);
    price_text.clear();
    AppendMoneyText(line.unit_price, &price_text);
    revenue_text.clear();
    AppendMoneyText(lines.LineRevenue(row), &revenue_text);
    fields[1].text = row_text;
    fields[2].text = line.invoice;
    fields[3].text = line.stock_code;
    fields[4].text = line.description;
    fields[5].text = quantity_text;
    fields[6].text = timestamp_text;
    fields[7].text = price_text;
    fields[8] = CopyField{line.customer, line.customer.empty()};
    fields[9].text = line.country;
    fields[10].text = revenue_text;
    stream << fields;
  }
  stream.complete();
}

void PostgresWarehouse::CopyQuarantine(pqxx::work& transaction, const std::string& source,
                                       const std::vector<QuarantineRecord>& records) {
  if (records.empty()) return;
  const std::vector<std::string> columns = {"source", "line",   "column_no", "reason",
                                            "field",  "detail", "raw_row"};
  pqxx::stream_to stream(transaction, "quarantine", columns);
  std::string line_text, column_text;
  std::array<CopyField, 7> fields;
  fields[0].text = source;
  for (const QuarantineRecord& record : records) {
    line_text = std::to_string(record.line);
    column_text = std::to_string(record.column);
    fields[1].text = line_text;
    fields[2].text = column_text;
    fields[3].text = record.reason;
    fields[4].text = record.field;
    fields[5].text = record.detail;
    fields[6].text = record.raw;
    stream << fields;
  }
  stream.complete();
}

Status PostgresWarehouse::CopyMetrics(pqxx::work& transaction, const std::string& source,
                                      const MetricRows& metrics) {
  SP_ASSIGN_OR_RETURN(const CheckedMetricRows checked, CheckMetricRows(metrics));
  if (metrics.rows.empty()) return Status::Ok();
  std::vector<std::string> columns = {"\"source\""};
  for (const ColumnSpec* column : checked.columns)
    columns.push_back(Quoted(column->name));
  if (columns.size() > kMaxCopyColumns) {
    return Status::Internal(metrics.table + ": more columns than a COPY row takes");
  }
  pqxx::stream_to stream(transaction, std::string(checked.table->name), columns);
  std::vector<std::string> texts(metrics.columns.size());
  std::vector<CopyField> fields(columns.size());
  fields[0].text = source;
  for (const std::vector<Value>& row : metrics.rows) {
    for (size_t column_idx = 0; column_idx < row.size(); ++column_idx) {
      CopyField& field = fields[column_idx + 1];
      field.null = IsNull(row[column_idx]);
      if (field.null) continue;
      if (const auto* text = std::get_if<std::string>(&row[column_idx])) {
        field.text = *text;
      } else {
        texts[column_idx].clear();
        AppendValueText(row[column_idx], &texts[column_idx]);
        field.text = texts[column_idx];
      }
    }
    WriteCopyRow(stream, fields);
  }
  stream.complete();
  return Status::Ok();
}

Status PostgresWarehouse::FinishRun(int64_t run_id, bool succeeded, uint64_t rows,
                                    const std::string& message) {
  try {
    pqxx::work transaction(*connection_);
    // A failed run stored nothing, so no row count; an empty message is NULL.
    const std::string sql =
        "UPDATE batch_runs SET finished_at = " + std::string(kPostgresDialect.utc_now) +
        ", \"rows\" = CASE WHEN $3 = 'succeeded' THEN $2::BIGINT END"
        ", status = $3, message = NULLIF($4, '') WHERE id = $1";
    const pqxx::result result =
        transaction.exec_params(sql, run_id, static_cast<int64_t>(rows),
                                std::string(succeeded ? "succeeded" : "failed"), message);
    if (result.affected_rows() == 0) {
      return Status::NotFound("no batch run " + std::to_string(run_id) + " in " + url_);
    }
    transaction.commit();
    return Status::Ok();
  } catch (...) {
    return StatusFromException("finishing batch run " + std::to_string(run_id) + " in " +
                               url_);
  }
}

Status PostgresWarehouse::RegisterModel(const ModelRecord& record) {
  try {
    pqxx::work transaction(*connection_);
    PostgresRegisterModel(transaction, record);
    transaction.commit();
    return Status::Ok();
  } catch (...) {
    return StatusFromException("registering model " + record.model_version + " in " +
                               url_);
  }
}

Status PostgresWarehouse::StoreForecasts(const std::string& source,
                                         const std::string& model_version,
                                         const std::vector<ForecastRecord>& rows) {
  try {
    pqxx::work transaction(*connection_);
    PostgresStoreForecasts(transaction, source, model_version, rows);
    transaction.commit();
    return Status::Ok();
  } catch (...) {
    return StatusFromException("storing the forecasts of " + model_version + " in " +
                               url_);
  }
}

Result<uint64_t> PostgresWarehouse::SetPredictedValues(
    const std::string& source, const std::vector<CustomerValue>& values) {
  try {
    pqxx::work transaction(*connection_);
    // An error returned here leaves the transaction uncommitted: rolled back.
    SP_ASSIGN_OR_RETURN(const uint64_t updated,
                        PostgresSetPredictedValues(transaction, source, values));
    transaction.commit();
    return updated;
  } catch (...) {
    return StatusFromException("setting predicted values in " + url_);
  }
}

Result<QueryResult> PostgresWarehouse::Query(const std::string& sql) {
  try {
    // A read-only transaction: the server refuses any write the statement attempts.
    pqxx::read_transaction transaction(*connection_);
    const pqxx::result result = transaction.exec(sql);
    QueryResult rows;
    for (pqxx::row_size_type column = 0; column < result.columns(); ++column) {
      rows.columns.emplace_back(result.column_name(column));
    }
    rows.rows.reserve(result.size());
    for (const pqxx::row& row : result) {
      auto& out = rows.rows.emplace_back();
      for (const pqxx::field& field : row) {
        if (field.is_null()) {
          out.emplace_back(std::nullopt);
        } else {
          out.emplace_back(std::string(field.c_str(), field.size()));
        }
      }
    }
    return rows;
  } catch (...) {
    return StatusFromException("query on " + url_);
  }
}

Result<Table> PostgresWarehouse::ReadOrderLines(const std::string& source) {
  try {
    pqxx::read_transaction transaction(*connection_);
    const pqxx::result result = transaction.exec_params(
        "SELECT invoice_no, stock_code, description, quantity, invoice_date, "
        "unit_price, customer_id, country FROM order_lines WHERE source = $1 "
        "ORDER BY row_index",
        source);
    OrderLinesReader reader("order_lines of '" + source + "' in " + url_);
    reader.Reserve(result.size());
    for (const pqxx::row& stored : result) {
      const auto text = [&stored](int column) {
        const pqxx::field field = stored[column];
        return std::string_view(field.c_str(), field.size());
      };
      const auto is_null = [&stored](int column) { return stored[column].is_null(); };
      SP_RETURN_IF_ERROR(reader.Add(StoredOrderLineFromColumns(text, is_null)));
    }
    return reader.Finish();
  } catch (...) {
    return StatusFromException("reading the order lines of " + source + " from " + url_);
  }
}

Result<std::unique_ptr<Warehouse>> Connect(const std::string& conninfo,
                                           const std::string& display_url) {
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = std::make_unique<pqxx::connection>(conninfo);
  } catch (...) {
    return StatusFromException("cannot connect to " + display_url);
  }
  auto warehouse =
      std::make_unique<PostgresWarehouse>(std::move(connection), display_url);
  SP_RETURN_IF_ERROR(warehouse->Initialize());
  return std::unique_ptr<Warehouse>(std::move(warehouse));
}

}  // namespace
}  // namespace storepulse::storage

extern "C" void storepulse_open_postgres_warehouse(
    const std::string& conninfo, const std::string& display_url,
    storepulse::Result<std::unique_ptr<storepulse::storage::Warehouse>>* out) {
  *out = storepulse::storage::Connect(conninfo, display_url);
}
