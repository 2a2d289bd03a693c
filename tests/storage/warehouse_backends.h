// The backends the warehouse contract suite runs against, each a real database: a fresh
// SQLite file per test, and a fresh database per test on a real PostgreSQL server started
// once per test suite (postgres_test_server.h). A backend whose server cannot start makes
// its tests FAIL with the reason: a missing server is a broken test machine, not a skip.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <memory>
#include <string>

#include "core/status.h"
#include "postgres_test_server.h"
#include "test_util.h"

namespace storepulse::testing {

class SqliteBackend {
 public:
  static constexpr const char* kName = "Sqlite";
  static void SetUpSuite() {}
  static void TearDownSuite() {}
  static Status SuiteStatus() { return Status::Ok(); }

  std::string NewDatabaseUrl() {
    return "sqlite://" + (dir_.path() / "warehouse.db").string();
  }

  // Runs `sql` on the database of NewDatabaseUrl behind the warehouse's back.
  Status Execute(const std::string& sql) {
    sqlite3* db = nullptr;
    const std::string path = (dir_.path() / "warehouse.db").string();
    int rc = sqlite3_open(path.c_str(), &db);
    char* error = nullptr;
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    Status status = rc == SQLITE_OK
                        ? Status::Ok()
                        : Status::IOError(error != nullptr ? error : sqlite3_errstr(rc));
    sqlite3_free(error);
    sqlite3_close(db);
    return status;
  }

 private:
  TempDir dir_;
};

class PostgresBackend {
 public:
  static constexpr const char* kName = "Postgres";

  static void SetUpSuite() {
    auto server = PostgresTestServer::Start();
    if (server.ok()) {
      server_ = std::move(server).value();
      status_ = Status::Ok();
    } else {
      status_ = server.status();
    }
  }
  static void TearDownSuite() { server_.reset(); }
  static Status SuiteStatus() {
    if (!status_.ok()) {
      return Status::IOError("the PostgreSQL test server did not start: " +
                             status_.message());
    }
    return Status::Ok();
  }

  std::string NewDatabaseUrl() {
    static std::atomic<int> counter{0};
    database_ = "contract_" + std::to_string(counter.fetch_add(1));
    const Status created = server_->Psql("CREATE DATABASE " + database_);
    EXPECT_TRUE(created.ok()) << created.ToString();
    return server_->Url(database_);
  }

  Status Execute(const std::string& sql) { return server_->Psql(sql, database_); }

 private:
  // Suite-wide: one server for all the tests of a suite (gtest's SetUpTestSuite idiom).
  static inline std::unique_ptr<PostgresTestServer> server_;
  static inline Status status_ = Status::IOError("SetUpSuite did not run");
  std::string database_;
};

}  // namespace storepulse::testing
