// SQLite-only behaviour; the shared contract is in warehouse_contract_test.cc.
#include "storage/sqlite_warehouse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "storage/migrations.h"
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

TEST(SqliteWarehouseTest, UsesWriteAheadLoggingAndStoresMoneyAsExactText) {
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
  EXPECT_THAT(QueryRows(warehouse,
                        "SELECT DISTINCT typeof(unit_price), typeof(revenue), "
                        "typeof(invoice_date), typeof(quantity) FROM order_lines"),
              ElementsAre("text|text|text|integer"));
  // sum() reads the text as numbers, for quick looks and BI tools.
  EXPECT_THAT(QueryRows(warehouse,
                        "SELECT sum(quantity), round(sum(unit_price), 4) "
                        "FROM order_lines WHERE country = 'United Kingdom'"),
              ElementsAre("13|3.7845"));
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
