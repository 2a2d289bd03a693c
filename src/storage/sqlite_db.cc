#include "storage/sqlite_db.h"

#include <cctype>

namespace storepulse::storage {

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  // sqlite3_errmsg describes the latest failure on `db`; without one, the code's text.
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(std::move(message));
    case SQLITE_ERROR:
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      return Status::InvalidArgument(std::move(message));
    default:
      return Status::IOError(std::move(message));
  }
}

Result<SqliteDb> SqliteDb::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  // NOMUTEX: a connection is used by one thread at a time (see the header), so SQLite
  // need not lock it on every call; those locks were a tenth of a batch's load.
  const int rc = sqlite3_open_v2(
      path.c_str(), &raw,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  SqliteDb db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) {
    // An open failure is about the file, whatever the code: report it as I/O.
    return Status::IOError("cannot open SQLite database '" + path + "': " +
                           (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Status SqliteDb::Exec(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  Status status = Error(rc, sql);
  sqlite3_free(error);
  return status;
}

Result<SqliteStatement> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                    &raw, &tail);
  SqliteStatement statement(raw);
  if (rc != SQLITE_OK) return Error(rc, sql);
  if (raw == nullptr)
    return Status::InvalidArgument("no SQL statement in '" + std::string(sql) + "'");
  for (const char* c = tail; c != sql.data() + sql.size(); ++c) {
    if (!std::isspace(static_cast<unsigned char>(*c)) && *c != ';') {
      return Status::InvalidArgument("more than one SQL statement in '" +
                                     std::string(sql) + "'");
    }
  }
  return statement;
}

Status SqliteDb::BindText(const SqliteStatement& statement, int index,
                          std::string_view text) {
  const int rc = sqlite3_bind_text(statement.get(), index, text.data(),
                                   static_cast<int>(text.size()), SQLITE_STATIC);
  return rc == SQLITE_OK ? Status::Ok() : Error(rc, "binding a text parameter");
}

Status SqliteDb::BindInt64(const SqliteStatement& statement, int index, int64_t value) {
  const int rc = sqlite3_bind_int64(statement.get(), index, value);
  return rc == SQLITE_OK ? Status::Ok() : Error(rc, "binding an integer parameter");
}

Status SqliteDb::Run(const SqliteStatement& statement, std::string_view what) {
  const int rc = sqlite3_step(statement.get());
  // The message is taken before the reset, which only repeats the step's error.
  Status status = rc == SQLITE_DONE || rc == SQLITE_ROW ? Status::Ok() : Error(rc, what);
  sqlite3_reset(statement.get());
  return status;
}

}  // namespace storepulse::storage
