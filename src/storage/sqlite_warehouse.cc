#include "storage/sqlite_warehouse.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

#include "storage/metric_rows_check.h"
#include "storage/migrations.h"
#include "storage/order_lines_reader.h"
#include "storage/schema.h"
#include "storage/sqlite_db.h"
#include "storage/sqlite_model_writes.h"
#include "storage/sqlite_money.h"
#include "storage/value_text.h"

namespace storepulse::storage {
namespace {

// How long a writer waits for another connection's write lock before failing.
constexpr int kBusyTimeoutMs = 10'000;

// INSERT of `rows` rows in one statement: "INSERT INTO "t" ("source", "a", "b") VALUES
// (?1, ?2, ?3), (?1, ?4, ?5)". The first column (the source, the same in every row of a
// load) is ?1 in each row, the others numbered on from ?2, row after row; one row is
// the plain "VALUES (?1, ?2, ?3)".
std::string InsertSql(std::string_view table,
                      const std::vector<std::string_view>& columns, size_t rows = 1) {
  std::string sql = "INSERT INTO \"" + std::string(table) + "\" (";
  for (size_t column = 0; column < columns.size(); ++column) {
    if (column > 0) sql += ", ";
    sql += '"';
    sql += columns[column];
    sql += '"';
  }
  sql += ") VALUES ";
  size_t next = 2;
  for (size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(?1" : ", (?1";
    for (size_t column = 1; column < columns.size(); ++column) {
      sql += ", ?";
      sql += std::to_string(next++);
    }
    sql += ')';
  }
  return sql;
}

// Binds the parameters of one row, keeping the first failure: rows bind without a check
// after every call, and one check before the step. Text is bound without a copy
// (SQLITE_STATIC): it must stay unchanged until the row is stepped.
class RowBinder {
 public:
  explicit RowBinder(sqlite3_stmt* statement) : statement_(statement) {}

  void Text(int index, std::string_view text) {
    if (rc_ == SQLITE_OK) {
      rc_ = sqlite3_bind_text(statement_, index, text.data(),
                              static_cast<int>(text.size()), SQLITE_STATIC);
    }
  }
  void Integer(int index, int64_t value) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_int64(statement_, index, value);
  }
  void Real(int index, double value) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_double(statement_, index, value);
  }
  // False, binding nothing, when SQLite cannot hold the amount exactly.
  [[nodiscard]] bool Money(int index, storepulse::Money amount) {
    if (!SqliteHoldsMoneyExactly(amount)) return false;
    if (rc_ == SQLITE_OK) rc_ = BindSqliteMoney(statement_, index, amount);
    return true;
  }
  void Null(int index) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_null(statement_, index);
  }
  // SQLITE_OK, or the first failure's code.
  int rc() const { return rc_; }

 private:
  sqlite3_stmt* const statement_;
  int rc_ = SQLITE_OK;
};

// Rows go up to 128 to a statement: SQLite's cost per statement run (binding checks,
// starting the program, the cursor's seek) is then paid once per group, which made the
// real export's order lines load about a quarter faster than one row per statement.
constexpr size_t kMaxRowsPerInsert = 128;

// The statements that insert a load's rows into one table: `many` takes rows_per_insert
// rows at once, `one` the rest.
struct RowInserts {
  SqliteStatement many;
  SqliteStatement one;
  size_t rows_per_insert = 1;
  int params_per_row = 0;  // besides the shared source
};

Result<RowInserts> PrepareRowInserts(SqliteDb& db, std::string_view table,
                                     const std::vector<std::string_view>& columns) {
  RowInserts inserts;
  inserts.params_per_row = static_cast<int>(columns.size()) - 1;
  // Within this SQLite's limit on parameters (32,766 since 3.32; 999 before).
  const int limit = sqlite3_limit(db.get(), SQLITE_LIMIT_VARIABLE_NUMBER, -1);
  inserts.rows_per_insert =
      std::clamp<size_t>(static_cast<size_t>(std::max(limit - 1, 1)) /
                             static_cast<size_t>(std::max(inserts.params_per_row, 1)),
                         1, kMaxRowsPerInsert);
  SP_ASSIGN_OR_RETURN(inserts.many,
                      db.Prepare(InsertSql(table, columns, inserts.rows_per_insert)));
  SP_ASSIGN_OR_RETURN(inserts.one, db.Prepare(InsertSql(table, columns)));
  return inserts;
}

// Inserts rows 0 .. count-1 of `table` for `source`. bind_row(bind, first, row, slot)
// binds one row's values from parameter `first` on; `slot` (below rows_per_insert) is
// the row's place in its statement, for buffers that must live until it runs. A failure
// it returns stops the load. A group the database refuses is tried again row by row, so
// that the error names the row (a failed statement leaves nothing behind, and the caller
// rolls the load back).
template <typename BindRow>
Status InsertRows(SqliteDb& db, const RowInserts& inserts, std::string_view table,
                  const std::string& source, size_t count, BindRow&& bind_row) {
  // The statements outlive the load, and their bindings point into its rows: cleared
  // however this returns.
  struct ClearBindings {
    const RowInserts& inserts;
    ~ClearBindings() {
      sqlite3_clear_bindings(inserts.many.get());
      sqlite3_clear_bindings(inserts.one.get());
    }
  } clear_bindings{inserts};
  auto run = [&](const SqliteStatement& statement, size_t first_row,
                 size_t rows) -> Status {
    sqlite3_stmt* const insert = statement.get();
    RowBinder bind(insert);
    for (size_t slot = 0; slot < rows; ++slot) {
      SP_RETURN_IF_ERROR(bind_row(bind,
                                  2 + static_cast<int>(slot) * inserts.params_per_row,
                                  first_row + slot, slot));
    }
    const int rc = bind.rc() == SQLITE_OK ? sqlite3_step(insert) : bind.rc();
    if (rc == SQLITE_DONE) {
      sqlite3_reset(insert);
      return Status::Ok();
    }
    // The message is taken before the reset, and made only for a failure.
    Status error = db.Error(rc, rows == 1 ? fmt::format("{} row {}", table, first_row + 1)
                                          : fmt::format("{} rows {} to {}", table,
                                                        first_row + 1, first_row + rows));
    sqlite3_reset(insert);
    return error;
  };
  SP_RETURN_IF_ERROR(db.BindText(inserts.many, 1, source));
  SP_RETURN_IF_ERROR(db.BindText(inserts.one, 1, source));
  const size_t group = inserts.rows_per_insert;
  size_t row = 0;
  for (; row + group <= count; row += group) {
    if (Status grouped = run(inserts.many, row, group); !grouped.ok()) {
      // Only inside the load's transaction: some errors (disk full, I/O) roll it back
      // whole, and rows tried again then would be committed one by one.
      if (sqlite3_get_autocommit(db.get())) return grouped;
      for (size_t single = row; single < row + group; ++single) {
        SP_RETURN_IF_ERROR(run(inserts.one, single, 1));
      }
      return grouped;  // the rows went in one by one: the group's error stands
    }
  }
  for (; row < count; ++row) SP_RETURN_IF_ERROR(run(inserts.one, row, 1));
  return Status::Ok();
}

class SqliteWarehouse final : public Warehouse {
 public:
  SqliteWarehouse(SqliteDb db, std::string display_url)
      : db_(std::move(db)), url_(std::move(display_url)) {}

  Status Initialize();

  std::string url() const override { return url_; }
  Result<int64_t> BeginRun(const std::string& source,
                           const std::string& input_hash) override;
  Status Load(int64_t run_id, const BatchLoad& load) override;
  Status FinishRun(int64_t run_id, bool succeeded, uint64_t rows,
                   const std::string& message) override;
  Status RegisterModel(const ModelRecord& record) override {
    return SqliteRegisterModel(db_, record);
  }
  Status StoreForecasts(const std::string& source, const std::string& model_version,
                        const std::vector<ForecastRecord>& rows) override {
    return SqliteStoreForecasts(db_, source, model_version, rows);
  }
  Result<uint64_t> SetPredictedValues(const std::string& source,
                                      const std::vector<CustomerValue>& values) override {
    return SqliteSetPredictedValues(db_, source, values);
  }
  Result<QueryResult> Query(const std::string& sql) override;
  Result<Table> ReadOrderLines(const std::string& source) override;

 private:
  Status Migrate();
  Status CheckRunExists(int64_t run_id);
  // The body of Load, inside its transaction.
  // An index or trigger as sqlite_master holds it.
  struct SchemaObject {
    std::string type;
    std::string name;
    std::string sql;
  };
  Result<std::vector<SchemaObject>> IndexesAndTriggers();
  // The columns of each of the schema's tables, as the database has them (none for a
  // table it does not have yet).
  using TableColumns = std::map<std::string, std::vector<std::string>>;
  Result<TableColumns> ColumnsOfTables();
  // InvalidArgument naming them when columns in `before` are missing from `after`: a
  // step that rebuilds a table copies the schema's columns, and one a user added would
  // be lost.
  Status NoColumnLost(const TableColumns& before, const TableColumns& after) const;
  // Creates those of `objects` that no longer exist.
  Status RecreateMissing(const std::vector<SchemaObject>& objects);
  Status ReplaceSource(const BatchLoad& load);
  // Removes `source`'s rows from `table` (quoted), for the load that replaces them.
  Status DeleteSource(const std::string& table, const std::string& source);
  Status InsertOrderLines(const std::string& source, const Table& lines);
  Status InsertQuarantine(const std::string& source,
                          const std::vector<QuarantineRecord>& records);
  Status InsertMetrics(const std::string& source, const MetricRows& metrics);

  SqliteDb db_;
  const std::string url_;
  // Prepared once and reused by every load.
  std::optional<RowInserts> order_line_inserts_;
  std::optional<RowInserts> quarantine_inserts_;
};

Status SqliteWarehouse::Initialize() {
  // First: the pragmas below take locks too, and a warehouse opened while another
  // process loads it must wait for its turn, not fail with "database is locked".
  const int rc = sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
  if (rc != SQLITE_OK) return db_.Error(rc, "setting the busy timeout");
  // Pages of 16 KiB instead of 4 KiB: a third less time loading order lines (fewer,
  // fuller B-tree pages). Takes effect only on a new database, before its first table.
  SP_RETURN_IF_ERROR(db_.Exec("PRAGMA page_size = 16384"));
  // WAL lets readers go on during a load; NORMAL syncs only at checkpoints, which in WAL
  // mode still keeps every commit atomic across a crash.
  SP_RETURN_IF_ERROR(db_.Exec("PRAGMA journal_mode = WAL"));
  SP_RETURN_IF_ERROR(db_.Exec("PRAGMA synchronous = NORMAL"));
  // Index pages of a large load stay in memory instead of being re-read (64 MiB).
  SP_RETURN_IF_ERROR(db_.Exec("PRAGMA cache_size = -65536"));
  SP_RETURN_IF_ERROR(db_.Exec("PRAGMA temp_store = MEMORY"));
  return Migrate();
}

Status SqliteWarehouse::Migrate() {
  // IMMEDIATE takes the write lock first, so two processes opening a new database at once
  // apply the steps once: the second waits, then finds them applied.
  SP_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  Status status = [&]() -> Status {
    SP_RETURN_IF_ERROR(db_.Exec(CreateSchemaVersionTable(kSqliteDialect)));
    SP_ASSIGN_OR_RETURN(
        SqliteStatement current,
        db_.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    const int rc = sqlite3_step(current.get());
    if (rc != SQLITE_ROW) return db_.Error(rc, "reading schema_version");
    const int64_t version = sqlite3_column_int64(current.get(), 0);
    sqlite3_reset(current.get());  // no read left open under the DDL below
    if (version > LatestSchemaVersion()) {
      return Status::Corruption(
          url_ + " is at schema version " + std::to_string(version) +
          ", newer than this storepulse knows (" + std::to_string(LatestSchemaVersion()) +
          "): use a newer storepulse");
    }
    if (version == LatestSchemaVersion()) return db_.Exec("COMMIT");
    SP_ASSIGN_OR_RETURN(
        SqliteStatement record,
        db_.Prepare("INSERT INTO schema_version (version, description, applied_at) "
                    "VALUES (?1, ?2, " +
                    std::string(kSqliteDialect.utc_now) + ")"));
    // Steps may rebuild a table (rename it, create it anew, copy, drop the old one).
    // Legacy renaming leaves views and other tables' triggers naming it as they are, so
    // they name the new table; the indexes and triggers a user added to it go with the
    // old one and are created again afterwards.
    SP_ASSIGN_OR_RETURN(const auto user_objects, IndexesAndTriggers());
    SP_ASSIGN_OR_RETURN(const auto columns_before, ColumnsOfTables());
    SP_RETURN_IF_ERROR(db_.Exec("PRAGMA legacy_alter_table = ON"));
    for (const Migration& migration : WarehouseMigrations()) {
      if (migration.version <= version) continue;
      for (const std::string& statement : migration.statements(kSqliteDialect)) {
        SP_RETURN_IF_ERROR(db_.Exec(statement));
      }
      SP_RETURN_IF_ERROR(db_.BindInt64(record, 1, migration.version));
      SP_RETURN_IF_ERROR(db_.BindText(record, 2, migration.description));
      SP_RETURN_IF_ERROR(db_.Run(record, "recording schema version"));
    }
    SP_RETURN_IF_ERROR(db_.Exec("PRAGMA legacy_alter_table = OFF"));
    SP_ASSIGN_OR_RETURN(const auto columns_after, ColumnsOfTables());
    SP_RETURN_IF_ERROR(NoColumnLost(columns_before, columns_after));
    SP_RETURN_IF_ERROR(RecreateMissing(user_objects));
    return db_.Exec("COMMIT");
  }();
  if (!status.ok()) {
    (void)db_.Exec("ROLLBACK");
    (void)db_.Exec("PRAGMA legacy_alter_table = OFF");
  }
  return status;
}

Result<std::vector<SqliteWarehouse::SchemaObject>> SqliteWarehouse::IndexesAndTriggers() {
  SP_ASSIGN_OR_RETURN(
      SqliteStatement select,
      db_.Prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', "
                  "'trigger') AND sql IS NOT NULL"));
  std::vector<SchemaObject> objects;
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    auto column = [&](int i) {
      const auto* text =
          reinterpret_cast<const char*>(sqlite3_column_text(select.get(), i));
      return std::string(text == nullptr ? "" : text);
    };
    objects.push_back(SchemaObject{column(0), column(1), column(2)});
  }
  if (rc != SQLITE_DONE) return db_.Error(rc, "listing indexes and triggers");
  return objects;
}

Result<SqliteWarehouse::TableColumns> SqliteWarehouse::ColumnsOfTables() {
  SP_ASSIGN_OR_RETURN(SqliteStatement select,
                      db_.Prepare("SELECT name FROM pragma_table_info(?1)"));
  TableColumns columns;
  for (const TableSpec& table : WarehouseTables()) {
    const std::string name(table.name);
    SP_RETURN_IF_ERROR(db_.BindText(select, 1, name));
    std::vector<std::string>& names = columns[name];
    int rc;
    while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
      names.emplace_back(
          reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0)));
    }
    sqlite3_reset(select.get());
    if (rc != SQLITE_DONE) return db_.Error(rc, "listing the columns of " + name);
  }
  return columns;
}

Status SqliteWarehouse::NoColumnLost(const TableColumns& before,
                                     const TableColumns& after) const {
  for (const auto& [table, columns] : before) {
    const std::vector<std::string>& kept = after.at(table);
    std::vector<std::string> lost;
    for (const std::string& column : columns) {
      if (std::find(kept.begin(), kept.end(), column) == kept.end()) {
        lost.push_back(column);
      }
    }
    if (!lost.empty()) {
      return Status::InvalidArgument(fmt::format(
          "{}: updating the schema to version {} rebuilds table {}, which has columns "
          "storepulse does not know ({}): they would be lost. Move them to a table of "
          "your own, then open the warehouse again; nothing was changed",
          url_, LatestSchemaVersion(), table, fmt::join(lost, ", ")));
    }
  }
  return Status::Ok();
}

Status SqliteWarehouse::RecreateMissing(const std::vector<SchemaObject>& objects) {
  SP_ASSIGN_OR_RETURN(SqliteStatement exists,
                      db_.Prepare("SELECT 1 FROM sqlite_master WHERE type = ?1 AND "
                                  "name = ?2"));
  for (const SchemaObject& object : objects) {
    SP_RETURN_IF_ERROR(db_.BindText(exists, 1, object.type));
    SP_RETURN_IF_ERROR(db_.BindText(exists, 2, object.name));
    const int rc = sqlite3_step(exists.get());
    sqlite3_reset(exists.get());
    if (rc == SQLITE_ROW) continue;
    if (rc != SQLITE_DONE) return db_.Error(rc, "looking for " + object.name);
    if (Status created = db_.Exec(object.sql); !created.ok()) {
      return Status(created.code(),
                    "re-creating " + object.type + " '" + object.name +
                        "' after the schema change: " + created.message());
    }
  }
  return Status::Ok();
}

Result<int64_t> SqliteWarehouse::BeginRun(const std::string& source,
                                          const std::string& input_hash) {
  const std::string now(kSqliteDialect.utc_now);
  SP_ASSIGN_OR_RETURN(
      SqliteStatement supersede,
      db_.Prepare("UPDATE batch_runs SET status = 'failed', finished_at = " + now +
                  ", message = ?2 WHERE source = ?1 AND status = "
                  "'running'"));
  SP_ASSIGN_OR_RETURN(
      SqliteStatement insert,
      db_.Prepare("INSERT INTO batch_runs (source, input_hash, started_at, "
                  "status) VALUES (?1, ?2, " +
                  now + ", 'running')"));
  SP_RETURN_IF_ERROR(db_.BindText(supersede, 1, source));
  SP_RETURN_IF_ERROR(db_.BindText(supersede, 2, kInterruptedRunMessage));
  SP_RETURN_IF_ERROR(db_.BindText(insert, 1, source));
  SP_RETURN_IF_ERROR(db_.BindText(insert, 2, input_hash));
  // Committed at once, before any load, so that a run that dies leaves its row.
  SP_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  Status status = db_.Run(supersede, "closing interrupted runs");
  if (status.ok()) status = db_.Run(insert, "recording the batch run");
  if (status.ok()) status = db_.Exec("COMMIT");
  if (!status.ok()) {
    if (!sqlite3_get_autocommit(db_.get())) (void)db_.Exec("ROLLBACK");
    return status;
  }
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.get()));
}

Status SqliteWarehouse::CheckRunExists(int64_t run_id) {
  SP_ASSIGN_OR_RETURN(SqliteStatement select,
                      db_.Prepare("SELECT 1 FROM batch_runs WHERE id = ?1"));
  SP_RETURN_IF_ERROR(db_.BindInt64(select, 1, run_id));
  const int rc = sqlite3_step(select.get());
  if (rc == SQLITE_ROW) return Status::Ok();
  if (rc == SQLITE_DONE) {
    return Status::NotFound("no batch run " + std::to_string(run_id) + " in " + url_);
  }
  return db_.Error(rc, "looking up the batch run");
}

Status SqliteWarehouse::Load(int64_t run_id, const BatchLoad& load) {
  SP_RETURN_IF_ERROR(CheckRunExists(run_id));
  SP_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  Status status = ReplaceSource(load);
  if (status.ok()) status = db_.Exec("COMMIT");
  // A failed COMMIT (disk full) leaves the transaction open: roll it back as well.
  if (!status.ok() && !sqlite3_get_autocommit(db_.get())) (void)db_.Exec("ROLLBACK");
  return status;
}

Status SqliteWarehouse::DeleteSource(const std::string& table,
                                     const std::string& source) {
  // A table that holds no other source's rows is emptied whole, which SQLite does by
  // dropping its pages (its truncate optimisation) rather than deleting row by row: the
  // real export's order lines took 157 ms the row-by-row way. Every replaced table has
  // an index that starts with source, so the two probes below are two seeks.
  SP_ASSIGN_OR_RETURN(SqliteStatement others,
                      db_.Prepare("SELECT EXISTS (SELECT 1 FROM " + table +
                                  " WHERE source < ?1) OR EXISTS (SELECT 1 FROM " +
                                  table + " WHERE source > ?1)"));
  SP_RETURN_IF_ERROR(db_.BindText(others, 1, source));
  const int rc = sqlite3_step(others.get());
  if (rc != SQLITE_ROW) return db_.Error(rc, "looking for other sources in " + table);
  const bool shared = sqlite3_column_int(others.get(), 0) != 0;
  sqlite3_reset(others.get());
  SP_ASSIGN_OR_RETURN(SqliteStatement remove,
                      db_.Prepare(shared ? "DELETE FROM " + table + " WHERE source = ?1"
                                         : "DELETE FROM " + table));
  if (shared) SP_RETURN_IF_ERROR(db_.BindText(remove, 1, source));
  return db_.Run(remove, "deleting the previous rows of " + table);
}

Status SqliteWarehouse::ReplaceSource(const BatchLoad& load) {
  for (const TableSpec& table : WarehouseTables()) {
    if (!ReplacedByLoad(table.kind)) continue;
    SP_RETURN_IF_ERROR(DeleteSource(fmt::format("\"{}\"", table.name), load.source));
  }
  if (load.lines != nullptr) {
    SP_RETURN_IF_ERROR(InsertOrderLines(load.source, *load.lines));
  }
  SP_RETURN_IF_ERROR(InsertQuarantine(load.source, load.quarantine));
  for (const MetricRows& metrics : load.metrics) {
    SP_RETURN_IF_ERROR(InsertMetrics(load.source, metrics));
  }
  return Status::Ok();
}

Status SqliteWarehouse::InsertOrderLines(const std::string& source, const Table& lines) {
  if (!order_line_inserts_) {
    // The parameter numbers below follow this order.
    SP_ASSIGN_OR_RETURN(
        order_line_inserts_,
        PrepareRowInserts(
            db_, "order_lines",
            {"source", "row_index", "invoice_no", "stock_code", "description", "quantity",
             "invoice_date", "unit_price", "customer_id", "country", "revenue"}));
  }
  // One buffer per row of a statement, each rewritten only once its row has run. Lines of
  // one invoice share a time, so a buffer's text is kept while it repeats.
  std::vector<std::string> timestamp_texts(order_line_inserts_->rows_per_insert);
  std::vector<Timestamp> timestamps_of_texts(order_line_inserts_->rows_per_insert, 0);
  auto bind_row = [&](RowBinder& bind, int first, size_t row, size_t slot) -> Status {
    const OrderLine line = lines.Row(row);  // views into the table's dictionaries
    std::string& timestamp_text = timestamp_texts[slot];
    if (timestamp_text.empty() || line.timestamp != timestamps_of_texts[slot]) {
      timestamp_text.clear();
      AppendTimestampText(line.timestamp, &timestamp_text);
      timestamps_of_texts[slot] = line.timestamp;
    }
    bind.Integer(first, static_cast<int64_t>(row));
    bind.Text(first + 1, line.invoice);
    bind.Text(first + 2, line.stock_code);
    bind.Text(first + 3, line.description);
    bind.Integer(first + 4, line.quantity);
    bind.Text(first + 5, timestamp_text);
    for (const auto& [index, amount, column] :
         {std::tuple{first + 6, line.unit_price, "unit_price"},
          std::tuple{first + 9, lines.LineRevenue(row), "revenue"}}) {
      if (!bind.Money(index, amount)) {
        return SqliteMoneyOutOfRange(
            amount, fmt::format("order_lines row {}, {}", row + 1, column));
      }
    }
    if (line.customer.empty()) {
      bind.Null(first + 7);
    } else {
      bind.Text(first + 7, line.customer);
    }
    bind.Text(first + 8, line.country);
    return Status::Ok();
  };
  return InsertRows(db_, *order_line_inserts_, "order_lines", source, lines.size(),
                    bind_row);
}

Status SqliteWarehouse::InsertQuarantine(const std::string& source,
                                         const std::vector<QuarantineRecord>& records) {
  if (!quarantine_inserts_) {
    SP_ASSIGN_OR_RETURN(quarantine_inserts_,
                        PrepareRowInserts(db_, "quarantine",
                                          {"source", "line", "column_no", "reason",
                                           "field", "detail", "raw_row"}));
  }
  auto bind_row = [&](RowBinder& bind, int first, size_t row, size_t) -> Status {
    const QuarantineRecord& record = records[row];
    bind.Integer(first, static_cast<int64_t>(record.line));
    bind.Integer(first + 1, record.column);
    bind.Text(first + 2, record.reason);
    bind.Text(first + 3, record.field);
    bind.Text(first + 4, record.detail);
    bind.Text(first + 5, record.raw);
    return Status::Ok();
  };
  return InsertRows(db_, *quarantine_inserts_, "quarantine", source, records.size(),
                    bind_row);
}

Status SqliteWarehouse::InsertMetrics(const std::string& source,
                                      const MetricRows& metrics) {
  SP_ASSIGN_OR_RETURN(const CheckedMetricRows checked, CheckMetricRows(metrics));
  std::vector<std::string_view> columns = {"source"};
  for (const ColumnSpec* column : checked.columns) columns.push_back(column->name);
  SP_ASSIGN_OR_RETURN(SqliteStatement insert,
                      db_.Prepare(InsertSql(checked.table->name, columns)));
  SP_RETURN_IF_ERROR(db_.BindText(insert, 1, source));
  // Dates and times become text in `texts`, one buffer per column so that each stays
  // put until the row is stepped.
  std::vector<std::string> texts(metrics.columns.size());
  for (size_t row_idx = 0; row_idx < metrics.rows.size(); ++row_idx) {
    const std::vector<Value>& row = metrics.rows[row_idx];
    RowBinder bind(insert.get());
    for (size_t column_idx = 0; column_idx < row.size(); ++column_idx) {
      const Value& value = row[column_idx];
      const int index = static_cast<int>(column_idx) + 2;
      if (IsNull(value)) {
        bind.Null(index);
      } else if (const auto* integer = std::get_if<int64_t>(&value)) {
        // An integer given for a real column is stored as a real, as PostgreSQL does.
        if (checked.columns[column_idx]->type == ColumnType::kReal) {
          bind.Real(index, static_cast<double>(*integer));
        } else {
          bind.Integer(index, *integer);
        }
      } else if (const auto* real = std::get_if<double>(&value)) {
        bind.Real(index, *real);
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        bind.Text(index, *text);
      } else if (const auto* money = std::get_if<storepulse::Money>(&value)) {
        if (!bind.Money(index, *money)) {
          return SqliteMoneyOutOfRange(
              *money, fmt::format("{} row {}, {}", metrics.table, row_idx + 1,
                                  checked.columns[column_idx]->name));
        }
      } else {
        texts[column_idx].clear();
        AppendValueText(value, &texts[column_idx]);
        bind.Text(index, texts[column_idx]);
      }
    }
    const std::string where = metrics.table + " row " + std::to_string(row_idx + 1);
    if (bind.rc() != SQLITE_OK) return db_.Error(bind.rc(), where);
    SP_RETURN_IF_ERROR(db_.Run(insert, where));
  }
  return Status::Ok();
}

Status SqliteWarehouse::FinishRun(int64_t run_id, bool succeeded, uint64_t rows,
                                  const std::string& message) {
  // A failed run stored nothing, so no row count; an empty message is NULL.
  SP_ASSIGN_OR_RETURN(
      SqliteStatement update,
      db_.Prepare(
          "UPDATE batch_runs SET finished_at = " + std::string(kSqliteDialect.utc_now) +
          ", \"rows\" = CASE WHEN ?3 = 'succeeded' THEN ?2 END, status = ?3, "
          "message = NULLIF(?4, '') WHERE id = ?1"));
  const std::string what = "finishing batch run " + std::to_string(run_id);
  RowBinder bind(update.get());
  bind.Integer(1, run_id);
  bind.Integer(2, static_cast<int64_t>(rows));
  bind.Text(3, succeeded ? "succeeded" : "failed");
  bind.Text(4, message);
  if (bind.rc() != SQLITE_OK) return db_.Error(bind.rc(), what);
  SP_RETURN_IF_ERROR(db_.Run(update, what));
  if (sqlite3_changes(db_.get()) == 0) {
    return Status::NotFound("no batch run " + std::to_string(run_id) + " in " + url_);
  }
  return Status::Ok();
}

Result<QueryResult> SqliteWarehouse::Query(const std::string& sql) {
  SP_ASSIGN_OR_RETURN(SqliteStatement select, db_.Prepare(sql));
  sqlite3_stmt* statement = select.get();
  if (!sqlite3_stmt_readonly(statement)) {
    return Status::InvalidArgument("Query runs read-only statements only: '" + sql + "'");
  }
  QueryResult result;
  const int column_count = sqlite3_column_count(statement);
  for (int column = 0; column < column_count; ++column) {
    result.columns.emplace_back(sqlite3_column_name(statement, column));
  }
  // Money columns print with four decimals, as PostgreSQL's NUMERIC(20,4) does.
  std::vector<bool> money(column_count);
  for (int column = 0; column < column_count; ++column) {
    money[column] = IsSqliteMoneyColumn(statement, column);
  }
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    auto& row = result.rows.emplace_back();
    for (int column = 0; column < column_count; ++column) {
      if (std::string text;
          money[column] && AppendSqliteMoneyText(statement, column, &text)) {
        row.emplace_back(std::move(text));
        continue;
      }
      switch (sqlite3_column_type(statement, column)) {
        case SQLITE_NULL:
          row.emplace_back(std::nullopt);
          break;
        case SQLITE_FLOAT: {
          // PostgreSQL's way (shortest round trip), not SQLite's 15 digits.
          std::string text;
          AppendRealText(sqlite3_column_double(statement, column), &text);
          row.emplace_back(std::move(text));
          break;
        }
        default: {
          const auto* text =
              reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
          if (text == nullptr) return db_.Error(SQLITE_NOMEM, "reading a query result");
          row.emplace_back(std::string(text, sqlite3_column_bytes(statement, column)));
        }
      }
    }
  }
  if (rc != SQLITE_DONE) return db_.Error(rc, sql);
  return result;
}

Result<Table> SqliteWarehouse::ReadOrderLines(const std::string& source) {
  SP_ASSIGN_OR_RETURN(SqliteStatement count,
                      db_.Prepare("SELECT COUNT(*) FROM order_lines WHERE source = ?1"));
  SP_RETURN_IF_ERROR(db_.BindText(count, 1, source));
  int rc = sqlite3_step(count.get());
  if (rc != SQLITE_ROW) return db_.Error(rc, "counting the order lines of " + source);
  const int64_t rows = sqlite3_column_int64(count.get(), 0);

  // The clustered key (source, row_index) gives the rows in order without a sort.
  SP_ASSIGN_OR_RETURN(
      SqliteStatement select,
      db_.Prepare("SELECT invoice_no, stock_code, description, quantity, invoice_date, "
                  "unit_price, customer_id, country FROM order_lines WHERE source = ?1 "
                  "ORDER BY row_index"));
  SP_RETURN_IF_ERROR(db_.BindText(select, 1, source));
  OrderLinesReader reader("order_lines of '" + source + "' in " + url_);
  reader.Reserve(static_cast<size_t>(rows));
  sqlite3_stmt* statement = select.get();
  constexpr int kUnitPrice = 5;
  std::string unit_price;
  const auto text = [statement, &unit_price](int column) {
    if (column == kUnitPrice) {
      unit_price.clear();
      if (AppendSqliteMoneyText(statement, column, &unit_price))
        return std::string_view(unit_price);
    }
    const auto* bytes =
        reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return std::string_view(bytes == nullptr ? "" : bytes,
                            static_cast<size_t>(sqlite3_column_bytes(statement, column)));
  };
  const auto is_null = [statement](int column) {
    return sqlite3_column_type(statement, column) == SQLITE_NULL;
  };
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    SP_RETURN_IF_ERROR(reader.Add(StoredOrderLineFromColumns(text, is_null)));
  }
  if (rc != SQLITE_DONE) return db_.Error(rc, "reading the order lines of " + source);
  return reader.Finish();
}

}  // namespace

Result<std::unique_ptr<Warehouse>> OpenSqliteWarehouse(const std::string& path,
                                                       const std::string& display_url) {
  SP_ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::Open(path));
  auto warehouse = std::make_unique<SqliteWarehouse>(std::move(db), display_url);
  SP_RETURN_IF_ERROR(warehouse->Initialize());
  return std::unique_ptr<Warehouse>(std::move(warehouse));
}

}  // namespace storepulse::storage
