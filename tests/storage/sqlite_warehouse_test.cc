// SQLite-only behaviour; the shared contract is in warehouse_contract_test.cc.
#include "storage/sqlite_warehouse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "storage/migrations.h"
#include "storage/schema.h"
#include "storage/sqlite_money.h"
#include "storage/warehouse.h"
#include "test_util.h"
#include "warehouse_test_data.h"

namespace storepulse::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::QueryRows;
using testing::TempDir;

TEST(SqliteWarehouseTest, AFileThatIsNotADatabaseIsCorruption) {
  TempDir dir;
  const std::string path = dir.Write(
      "orders.csv", "InvoiceNo,StockCode\n536365,85123A\n" + std::string(4096, 'x'));
  auto opened = OpenWarehouse("sqlite://" + path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kCorruption)
      << opened.status().ToString();
  EXPECT_THAT(opened.status().message(), HasSubstr("not a database"));
}

TEST(SqliteWarehouseTest, AMissingDirectoryIsAnIOErrorNamingTheFile) {
  TempDir dir;
  const std::string path = (dir.path() / "no" / "such" / "dir" / "w.db").string();
  auto opened = OpenWarehouse("sqlite://" + path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kIOError) << opened.status().ToString();
  EXPECT_THAT(opened.status().message(), HasSubstr(path));
}

TEST(SqliteWarehouseTest, UsesWriteAheadLoggingAndStoresMoneyAsExactNumbers) {
  TempDir dir;
  const std::string path = (dir.path() / "w.db").string();
  auto opened = OpenWarehouse("sqlite://" + path);
  ASSERT_OK(opened.status());
  Warehouse& warehouse = **opened;
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
  const Table lines = testing::SampleLines();
  auto run = warehouse.BeginRun("a.csv", "h");
  ASSERT_OK(run.status());
  ASSERT_OK(warehouse.Load(*run, testing::SampleLoad("a.csv", &lines)));
  // Numbers (whole amounts become integers), so that they sort and compare as numbers.
  EXPECT_THAT(QueryRows(warehouse,
                        "SELECT DISTINCT typeof(unit_price) IN ('real', 'integer'), "
                        "typeof(revenue) IN ('real', 'integer'), typeof(invoice_date), "
                        "typeof(quantity) FROM order_lines"),
              ElementsAre("1|1|text|integer"));
  // As text, '0.0010' < '2.5500' < '38970.0000' < '9.99' would misorder these.
  EXPECT_THAT(
      QueryRows(warehouse, "SELECT unit_price FROM order_lines ORDER BY unit_price DESC"),
      ElementsAre("38970.0000", "2.5500", "1.2345", "0.0010"));
  // An aggregate has no declared type: SQLite prints the number as it holds it.
  EXPECT_THAT(QueryRows(warehouse, "SELECT max(revenue), min(revenue) FROM order_lines"),
              ElementsAre("3156375150|1"));
  EXPECT_THAT(
      QueryRows(warehouse, "SELECT count(*) FROM order_lines WHERE unit_price > 2.5"),
      ElementsAre("2"));
  EXPECT_THAT(QueryRows(warehouse,
                        "SELECT sum(quantity), round(sum(unit_price), 4) "
                        "FROM order_lines WHERE country = 'United Kingdom'"),
              ElementsAre("13|3.7845"));
  // A money column read through Query prints four decimals, as PostgreSQL does.
  EXPECT_THAT(QueryRows(warehouse, "SELECT revenue FROM daily_metrics ORDER BY date"),
              ElementsAre("23.9415", "3156375151.0000"));
}

// Whole amounts are exact at any size; a fractional amount a double cannot hold to the
// 1/10,000 is refused, naming where, and the load stores nothing.
TEST(SqliteWarehouseTest, MoneyBeyondTheExactRangeIsRefusedNotRounded) {
  TempDir dir;
  auto opened = OpenWarehouse("sqlite://" + (dir.path() / "w.db").string());
  ASSERT_OK(opened.status());
  Warehouse& warehouse = **opened;
  auto load_priced = [&](int64_t price_units) {
    TableBuilder builder;
    OrderLine line;
    line.invoice = "1";
    line.stock_code = "A";
    line.description = "a";
    line.quantity = 1;
    line.timestamp = testing::At(2011, 1, 1, 10, 0);
    line.unit_price = Money::FromUnits(price_units);
    line.customer = "7";
    line.country = "France";
    EXPECT_OK(builder.Append(line));
    const Table lines = builder.Finish();
    storage::BatchLoad load;
    load.source = "a.csv";
    load.lines = &lines;
    auto run = warehouse.BeginRun("a.csv", "h");
    EXPECT_OK(run.status());
    return warehouse.Load(*run, load);
  };
  const int64_t largest_fraction = kSqliteMoneyLimitUnits - 1;
  ASSERT_OK(load_priced(largest_fraction));
  EXPECT_THAT(QueryRows(warehouse, "SELECT unit_price, revenue FROM order_lines"),
              ElementsAre("274877906943.9999|274877906943.9999"));
  const int64_t huge_whole = kMaxAbsMoneyUnits;  // 100,000,000,000
  ASSERT_OK(load_priced(huge_whole));
  EXPECT_THAT(
      QueryRows(warehouse, "SELECT unit_price, typeof(unit_price) FROM order_lines"),
      ElementsAre("100000000000.0000|integer"));

  const Status refused = load_priced(kSqliteMoneyLimitUnits + 1);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument) << refused.ToString();
  EXPECT_THAT(refused.message(),
              HasSubstr("order_lines row 1, unit_price: 274877906944.0001 is beyond"));
  EXPECT_THAT(QueryRows(warehouse, "SELECT unit_price FROM order_lines"),
              ElementsAre("100000000000.0000"));
}

// A database of schema version 2 held money as four-decimal text; opening it converts
// every amount to a number, exactly, and keeps the rest of its rows.
TEST(SqliteWarehouseTest, AVersionTwoDatabaseGetsItsMoneyAsExactNumbers) {
  TempDir dir;
  const std::string path = (dir.path() / "w.db").string();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    Dialect version_two = kSqliteDialect;
    version_two.money = "TEXT";
    std::string script = CreateSchemaVersionTable(version_two) + ";";
    for (const Migration& migration : WarehouseMigrations()) {
      if (migration.version > 2) continue;
      for (const std::string& statement : migration.statements(version_two)) {
        script += statement + ";";
      }
      script += "INSERT INTO schema_version VALUES (" +
                std::to_string(migration.version) + ", 'old', '2026-01-01 00:00:00');";
    }
    script +=
        "INSERT INTO daily_metrics (source, date, revenue, orders) VALUES "
        "('a.csv', '2011-12-08', '9.9900', 1), ('a.csv', '2011-12-09', "
        "'7308391.5540', 2), ('a.csv', '2011-12-10', '-0.0001', 3), "
        "('a.csv', '2011-12-11', '274877906943.9999', 4), "
        "('a.csv', '2011-12-12', NULL, 5);"
        "INSERT INTO forecasts VALUES ('a.csv', 'm1', '2011-12-10', 1, '184349.2800', "
        "617.5);";
    ASSERT_EQ(sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto opened = OpenWarehouse("sqlite://" + path);
  ASSERT_OK(opened.status());
  Warehouse& warehouse = **opened;
  EXPECT_THAT(QueryRows(warehouse, "SELECT max(version) FROM schema_version"),
              ElementsAre(std::to_string(LatestSchemaVersion())));
  EXPECT_THAT(
      QueryRows(warehouse,
                "SELECT date, revenue, typeof(revenue), orders FROM daily_metrics "
                "ORDER BY revenue DESC, date"),
      ElementsAre("2011-12-11|274877906943.9999|real|4", "2011-12-09|7308391.5540|real|2",
                  "2011-12-08|9.9900|real|1", "2011-12-10|-0.0001|real|3",
                  "2011-12-12|NULL|null|5"));
  EXPECT_THAT(QueryRows(warehouse, "SELECT revenue, orders FROM forecasts"),
              ElementsAre("184349.2800|617.5"));
  // The unique index came through the rebuild.
  EXPECT_THAT(QueryRows(warehouse,
                        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                        "name = 'daily_metrics_source_date'"),
              ElementsAre("1"));
}

TEST(SqliteWarehouseTest, TwoConnectionsOpeningANewDatabaseMigrateItOnce) {
  TempDir dir;
  const std::string url = "sqlite://" + (dir.path() / "w.db").string();
  auto first = OpenWarehouse(url);
  auto second = OpenWarehouse(url);
  ASSERT_OK(first.status());
  ASSERT_OK(second.status());
  EXPECT_THAT(QueryRows(**second, "SELECT COUNT(*) FROM schema_version"),
              ElementsAre(std::to_string(storage::WarehouseMigrations().size())));
}

// Another process holding the database (here: another connection in the middle of a
// write) makes opening wait for it, not fail with "database is locked": a server
// refreshing from a warehouse that batch is creating hit exactly that.
TEST(SqliteWarehouseTest, OpeningWaitsForAWriterToFinish) {
  TempDir dir;
  const std::string path = (dir.path() / "w.db").string();
  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer, "BEGIN EXCLUSIVE; CREATE TABLE t (x)", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  std::thread commit_later([writer] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    sqlite3_exec(writer, "COMMIT", nullptr, nullptr, nullptr);
  });
  auto opened = OpenWarehouse("sqlite://" + path);
  commit_later.join();
  sqlite3_close(writer);
  ASSERT_OK(opened.status());
  EXPECT_THAT(QueryRows(**opened, "SELECT COUNT(*) FROM schema_version"),
              ElementsAre(std::to_string(storage::WarehouseMigrations().size())));
}

TEST(SqliteWarehouseTest, QueryTakesOneStatement) {
  TempDir dir;
  auto opened = OpenWarehouse("sqlite://" + (dir.path() / "w.db").string());
  ASSERT_OK(opened.status());
  auto result = (*opened)->Query("SELECT 1; DROP TABLE order_lines");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("more than one SQL statement"));
}

}  // namespace
}  // namespace storepulse::storage
