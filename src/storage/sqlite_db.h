// Thin RAII owners of SQLite's C handles whose every call returns a Status: one place
// that turns result codes and sqlite3_errmsg into errors. Internal to storage/.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace storepulse::storage {

// The Status for SQLite result code `rc` after `what` failed on `db` (may be null):
// "what: <SQLite's message>", of kind Corruption (not a database, corrupt),
// InvalidArgument (SQL error, constraint, type mismatch, too big) or IOError (everything
// else: I/O, disk full, locked, read-only, cannot open).
Status SqliteError(sqlite3* db, int rc, std::string_view what);

// A prepared statement. Bindings survive Reset, so a loop binds only what changes.
class SqliteStatement {
 public:
  SqliteStatement() = default;
  explicit SqliteStatement(sqlite3_stmt* statement) : statement_(statement) {}
  sqlite3_stmt* get() const { return statement_.get(); }
  explicit operator bool() const { return statement_ != nullptr; }

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
};

// An open database connection. Not thread-safe.
class SqliteDb {
 public:
  // Opens (creating if needed) the database file at `path`; IOError naming it otherwise.
  static Result<SqliteDb> Open(const std::string& path);

  sqlite3* get() const { return db_.get(); }

  // Runs `sql` (one or more statements; rows, if any, are ignored).
  Status Exec(const std::string& sql);
  // Compiles exactly one statement. The `tail` after it must be blank.
  Result<SqliteStatement> Prepare(std::string_view sql);
  // Steps a statement that returns no rows to completion and resets it.
  Status Run(const SqliteStatement& statement, std::string_view what);
  // Binds that copy nothing: `text` must live until the statement is stepped. They fail
  // only on a bad index or a value past SQLite's limits.
  Status BindText(const SqliteStatement& statement, int index, std::string_view text);
  Status BindInt64(const SqliteStatement& statement, int index, int64_t value);
  // The Status for `rc` on this connection.
  Status Error(int rc, std::string_view what) const {
    return SqliteError(db_.get(), rc, what);
  }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace storepulse::storage
