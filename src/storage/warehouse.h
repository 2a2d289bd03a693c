// storage::Warehouse: where batch runs store order lines, quarantine and metrics for
// people and BI tools (Metabase, Superset, Grafana) to query. One small interface, two
// backends chosen by URL (SQLite embedded, PostgreSQL for many readers), one contract
// suite both pass (tests/storage/warehouse_contract_test.cc). Schema: schema.h.
//
// Thread safety: a Warehouse object is not safe for concurrent use; give each thread its
// own (OpenWarehouse again). Several Warehouse objects, in one process or many, may use
// the same database at once: each Load is one transaction, so readers see either the
// previous or the new rows of a source, never a mix.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/table.h"
#include "storage/batch_load.h"
#include "storage/model_records.h"

namespace storepulse::storage {

// The embedded warehouse used when none is given: storepulse.db in the working directory.
inline constexpr char kDefaultWarehouseUrl[] = "sqlite://storepulse.db";

// Rows of a query as text, as the backend prints them (value_text.h); NULL is nullopt.
// A money column prints with four decimals in both; an expression over one (sum, max)
// prints as the backend computes it.
struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

class Warehouse {
 public:
  Warehouse() = default;
  Warehouse(const Warehouse&) = delete;
  Warehouse& operator=(const Warehouse&) = delete;
  virtual ~Warehouse() = default;

  // The URL this warehouse was opened with, without any password: safe to log.
  virtual std::string url() const = 0;

  // Records a run of `source` as 'running' in batch_runs, in its own committed
  // transaction (so a run that dies later still leaves a trace), and returns its id.
  // Earlier runs of `source` still 'running' (their process died) become 'failed'.
  virtual Result<int64_t> BeginRun(const std::string& source,
                                   const std::string& input_hash) = 0;

  // Replaces every row stored for `load.source`, in every data table, by the rows of
  // `load`, in ONE transaction. On success all of the new rows are visible; on any
  // failure (a metric row that does not fit the schema, a duplicate key, a lost
  // connection, a full disk, a killed process) the previous rows of the source are
  // intact and the error says which table, row and column when it can. Rows of other
  // sources are never touched.
  // REQUIRES: run_id comes from BeginRun on this database (NotFound otherwise).
  virtual Status Load(int64_t run_id, const BatchLoad& load) = 0;

  // Marks the run finished now: 'succeeded' with `rows`, or 'failed' with `message` (the
  // error). NotFound when there is no such run.
  virtual Status FinishRun(int64_t run_id, bool succeeded, uint64_t rows,
                           const std::string& message) = 0;

  // Adds `record` to model_registry (registered_at: now, UTC), replacing the row of the
  // same model_version if there is one, in one transaction.
  virtual Status RegisterModel(const ModelRecord& record) = 0;

  // Replaces the forecasts of (`source`, `model_version`) by `rows`, in one transaction;
  // forecasts of other model versions stay (they are the history of what was forecast).
  // InvalidArgument when two rows have the same day.
  virtual Status StoreForecasts(const std::string& source,
                                const std::string& model_version,
                                const std::vector<ForecastRecord>& rows) = 0;

  // Sets customer_metrics.predicted_value_90d for the customers of `source`, in one
  // transaction: each customer in `values` gets its value, every other customer of the
  // source NULL. Returns the number of customers given a value (those of `values` that
  // the source has). NotFound when the source has no customer_metrics rows (no batch
  // run stored it yet); InvalidArgument when a customer is in `values` twice. A later
  // batch Load of the source resets them to NULL.
  virtual Result<uint64_t> SetPredictedValues(
      const std::string& source, const std::vector<CustomerValue>& values) = 0;

  // Runs one read-only SQL statement and returns all of its rows; a statement that would
  // write is InvalidArgument. For tests, the API and debugging, not for bulk reads.
  virtual Result<QueryResult> Query(const std::string& sql) = 0;

  // The clean order lines stored for `source`, read back into a Table in their original
  // order (row_index): what a batch run of that source ingested, equal line for line
  // (the HTTP API serves its reports from it). An unknown source gives an empty table.
  // Errors: IOError when the database cannot be read, Corruption naming the row and
  // column when a stored value does not parse.
  virtual Result<Table> ReadOrderLines(const std::string& source) = 0;
};

// Opens the warehouse at `url`, creating the database file (SQLite) and the schema, or
// applying the missing migrations (migrations.h), as needed:
//   sqlite:///abs/path.db, sqlite://relative/path.db   (the file and its WAL files)
//   postgresql://user[:password]@host[:port]/db[?param=value...], also postgres://
//                                                      (libpq's URI form)
// Errors: an unknown scheme or a malformed URL is InvalidArgument naming it; a file that
// cannot be opened or a server that cannot be reached is IOError with the reason given by
// SQLite or the server; a database written by a newer storepulse is Corruption. Messages
// never contain the password.
Result<std::unique_ptr<Warehouse>> OpenWarehouse(const std::string& url);

}  // namespace storepulse::storage
