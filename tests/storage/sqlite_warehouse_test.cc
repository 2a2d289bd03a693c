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
  auto load_priced = [&](int64_t price_units, int32_t quantity = 1) {
    TableBuilder builder;
    OrderLine line;
    line.invoice = "1";
    line.stock_code = "A";
    line.description = "a";
    line.quantity = quantity;
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
  ASSERT_OK(load_priced(huge_whole, 5));
  EXPECT_THAT(
      QueryRows(warehouse,
                "SELECT unit_price, typeof(unit_price), revenue FROM order_lines"),
      ElementsAre("100000000000.0000|integer|500000000000.0000"));

  const Status refused = load_priced(kSqliteMoneyLimitUnits + 1);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument) << refused.ToString();
  EXPECT_THAT(refused.message(),
              HasSubstr("order_lines row 1, unit_price: 274877906944.0001 is beyond"));
  EXPECT_THAT(QueryRows(warehouse, "SELECT unit_price FROM order_lines"),
              ElementsAre("100000000000.0000"));
}

// Writes a database as a storepulse of schema version 2 left it (money as four-decimal
// text), then runs `extra_sql` on it.
void WriteVersionTwoDatabase(const std::string& path, const std::string& extra_sql) {
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
    script += "INSERT INTO schema_version VALUES (" + std::to_string(migration.version) +
              ", 'old', '2026-01-01 00:00:00');";
  }
  script += extra_sql;
  EXPECT_EQ(sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// The first row `sql` gives on the database at `path`, read with SQLite itself (not
// through a warehouse, which would migrate it), each column as text.
std::vector<std::string> RawRow(const std::string& path, const std::string& sql) {
  std::vector<std::string> row;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* select = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &select, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  if (select != nullptr && sqlite3_step(select) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(select); ++i) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(select, i));
      row.emplace_back(text == nullptr ? "NULL" : text);
    }
  }
  sqlite3_finalize(select);
  sqlite3_close(db);
  return row;
}

// Opening a version-2 database converts every amount to a number, exactly, and keeps
// the rest of its rows, the user's views (now reading numbers) and the indexes and
// triggers the user added to the rebuilt tables.
TEST(SqliteWarehouseTest, AVersionTwoDatabaseGetsItsMoneyAsExactNumbers) {
  TempDir dir;
  const std::string path = (dir.path() / "w.db").string();
  WriteVersionTwoDatabase(
      path,
      "INSERT INTO daily_metrics (source, date, revenue, orders) VALUES "
      "('a.csv', '2011-12-08', '9.9900', 1), ('a.csv', '2011-12-09', "
      "'7308391.5540', 2), ('a.csv', '2011-12-10', '-0.0001', 3), "
      "('a.csv', '2011-12-11', '274877906943.9999', 4), "
      "('a.csv', '2011-12-12', NULL, 5), ('a.csv', '2011-12-13', '12.0000', 6), "
      "('a.csv', '2011-12-14', 'x.0001', 7);"
      "INSERT INTO forecasts VALUES ('a.csv', 'm1', '2011-12-10', 1, '184349.2800', "
      "617.5);"
      "INSERT INTO order_lines VALUES ('a.csv', 0, '536365', '85123A', 'HEART', 6, "
      "'2010-12-01 08:26:00', '2.5500', '17850', 'United Kingdom', '15.3000'), "
      "('a.csv', 1, '536366', '22633', 'WARMER', 5, '2010-12-01 08:28:00', "
      "'100000000000.0000', NULL, 'France', '500000000000.0000');"
      "INSERT INTO customer_metrics (source, customer_id, revenue, monetary, tier) "
      "VALUES ('a.csv', '17850', '15.3000', '15.3000', 'VIP');"
      "CREATE VIEW big_lines AS SELECT country, revenue FROM order_lines "
      "WHERE revenue > 100;"
      "CREATE INDEX my_lines_by_country ON order_lines (country);"
      "CREATE TABLE audit (day TEXT);"
      "CREATE TRIGGER my_daily_audit AFTER INSERT ON daily_metrics BEGIN "
      "INSERT INTO audit VALUES (new.date); END;");
  auto opened = OpenWarehouse("sqlite://" + path);
  ASSERT_OK(opened.status());
  Warehouse& warehouse = **opened;
  EXPECT_THAT(QueryRows(warehouse, "SELECT max(version) FROM schema_version"),
              ElementsAre(std::to_string(LatestSchemaVersion())));
  EXPECT_THAT(
      QueryRows(warehouse,
                "SELECT date, revenue, typeof(revenue), orders FROM daily_metrics "
                "WHERE typeof(revenue) != 'text' ORDER BY revenue DESC, date"),
      ElementsAre("2011-12-11|274877906943.9999|real|4", "2011-12-09|7308391.5540|real|2",
                  "2011-12-13|12.0000|integer|6", "2011-12-08|9.9900|real|1",
                  "2011-12-10|-0.0001|real|3", "2011-12-12|NULL|null|5"));
  // Text that is not an amount is kept as it was.
  EXPECT_THAT(QueryRows(warehouse, "SELECT revenue FROM daily_metrics WHERE orders = 7"),
              ElementsAre("x.0001"));
  EXPECT_THAT(QueryRows(warehouse, "SELECT revenue, orders FROM forecasts"),
              ElementsAre("184349.2800|617.5"));
  EXPECT_THAT(QueryRows(warehouse,
                        "SELECT row_index, unit_price, typeof(unit_price), revenue, "
                        "customer_id FROM order_lines ORDER BY row_index"),
              ElementsAre("0|2.5500|real|15.3000|17850",
                          "1|100000000000.0000|integer|500000000000.0000|NULL"));
  EXPECT_THAT(
      QueryRows(warehouse, "SELECT revenue, monetary, tier FROM customer_metrics"),
      ElementsAre("15.3000|15.3000|VIP"));
  // The view reads the new table, and compares numbers: 15.3 > 100 is false.
  EXPECT_THAT(QueryRows(warehouse, "SELECT country FROM big_lines"),
              ElementsAre("France"));
  EXPECT_THAT(QueryRows(warehouse,
                        "SELECT type, name, tbl_name FROM sqlite_master WHERE name IN "
                        "('daily_metrics_source_date', 'my_lines_by_country', "
                        "'my_daily_audit') ORDER BY name"),
              ElementsAre("index|daily_metrics_source_date|daily_metrics",
                          "trigger|my_daily_audit|daily_metrics",
                          "index|my_lines_by_country|order_lines"));
  EXPECT_THAT(
      QueryRows(warehouse,
                "SELECT count(*) FROM sqlite_master WHERE name LIKE '%before_v3%'"),
      ElementsAre("0"));
}

// What the conversion cannot do without losing something stops the open, naming it, and
// leaves the database as it was: a fractional amount a double cannot hold exactly, a
// column a user added to a table it rebuilds.
TEST(SqliteWarehouseTest, AVersionTwoDatabaseThatCannotBeConvertedIsLeftAsItWas) {
  struct Case {
    std::string setup;
    std::string message;
    std::string check;  // one row, read back with SQLite itself
    std::vector<std::string> row;
  };
  for (const Case& refused : {
           Case{"INSERT INTO daily_metrics (source, date, revenue) VALUES "
                "('a.csv', '2011-12-08', '274877906944.0001');",
                "a fractional amount of 274877906944 or more cannot be held exactly as a "
                "number in SQLite",
                "SELECT revenue, typeof(revenue) FROM daily_metrics",
                {"274877906944.0001", "text"}},
           Case{"ALTER TABLE customer_metrics ADD COLUMN account_manager TEXT;"
                "INSERT INTO customer_metrics (source, customer_id, revenue, "
                "account_manager) VALUES ('a.csv', '17850', '15.3000', 'Ann');",
                "rebuilds table customer_metrics, which has columns storepulse does not "
                "know (account_manager)",
                "SELECT account_manager, typeof(revenue) FROM customer_metrics",
                {"Ann", "text"}},
       }) {
    TempDir dir;
    const std::string path = (dir.path() / "w.db").string();
    WriteVersionTwoDatabase(path, refused.setup);
    auto opened = OpenWarehouse("sqlite://" + path);
    ASSERT_FALSE(opened.ok()) << refused.message;
    EXPECT_THAT(opened.status().message(), HasSubstr(refused.message));
    EXPECT_EQ(RawRow(path, refused.check), refused.row);
    EXPECT_THAT(RawRow(path, "SELECT max(version) FROM schema_version"),
                ElementsAre("2"));
  }
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
