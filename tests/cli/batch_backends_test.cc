// `storepulse batch` into SQLite and into a real PostgreSQL (started by the test on
// loopback) leaves identical table contents.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli/cli_runner.h"
#include "real_data.h"
#include "storage/postgres_test_server.h"
#include "storage/warehouse.h"

namespace storepulse {
namespace {

using testing::CliRun;
using testing::RunCli;

storage::QueryResult QueryOrDie(storage::Warehouse& warehouse, const std::string& sql) {
  auto result = warehouse.Query(sql);
  EXPECT_TRUE(result.ok()) << sql << ": " << result.status().ToString();
  return result.ok() ? *result : storage::QueryResult{};
}

TEST(BatchBackendsTest, SqliteAndPostgresHoldTheSameRows) {
  SKIP_WITHOUT_REAL_DATA();
  auto server = testing::PostgresTestServer::Start();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  ASSERT_TRUE((*server)->Psql("CREATE DATABASE shop").ok());
  const auto dir = std::filesystem::temp_directory_path() /
                   ("storepulse-backends-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string sqlite_url = "sqlite://" + (dir / "shop.db").string();
  const std::string postgres_url = (*server)->Url("shop");
  for (const std::string& url : {sqlite_url, postgres_url}) {
    const CliRun run = RunCli("batch --input " + testing::RealDataPath() + " --out " +
                              (dir / "out").string() + " --warehouse " + url);
    ASSERT_EQ(run.exit_code, 0)
        << url << ": "
        << run.out.substr(run.out.size() > 2000 ? run.out.size() - 2000 : 0);
  }
  auto sqlite = storage::OpenWarehouse(sqlite_url);
  auto postgres = storage::OpenWarehouse(postgres_url);
  ASSERT_TRUE(sqlite.ok() && postgres.ok());
  for (const char* sql : {
           "SELECT date, revenue, orders, lines, customers, products, quantity, "
           "countries, "
           "average_order_value, average_line_value, peak_hour, peak_hour_revenue "
           "FROM daily_metrics ORDER BY date",
           "SELECT customer_id, revenue, orders, lines, first_purchase, last_purchase, "
           "tier, "
           "recency_days, frequency, monetary, r_score, f_score, m_score, rfm_segment "
           "FROM customer_metrics ORDER BY customer_id",
           "SELECT stock_code, description, revenue, quantity, orders, customers, lines "
           "FROM product_metrics ORDER BY stock_code",
           "SELECT country, revenue, orders, customers, lines, average_order_value "
           "FROM country_metrics ORDER BY country",
           "SELECT cohort_month, months_since, customers, active_customers, "
           "retention_rate "
           "FROM cohort_retention ORDER BY cohort_month, months_since",
           "SELECT count(*), sum(quantity) FROM order_lines",
           "SELECT row_index, invoice_no, stock_code, description, quantity, "
           "invoice_date, "
           "unit_price, customer_id, country, revenue FROM order_lines "
           "WHERE row_index % 997 = 0 ORDER BY row_index",
           "SELECT line, column_no, reason, field, raw_row FROM quarantine "
           "WHERE line % 101 = 0 ORDER BY line",
       }) {
    const storage::QueryResult a = QueryOrDie(**sqlite, sql);
    const storage::QueryResult b = QueryOrDie(**postgres, sql);
    ASSERT_FALSE(a.rows.empty()) << sql;
    EXPECT_EQ(a.rows.size(), b.rows.size()) << sql;
    EXPECT_TRUE(a.rows == b.rows) << sql;
  }
  const storage::QueryResult lines =
      QueryOrDie(**postgres, "SELECT count(*) FROM order_lines");
  EXPECT_EQ(*lines.rows[0][0], "397884");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace storepulse
