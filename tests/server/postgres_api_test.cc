// The API served from a real PostgreSQL warehouse (started by the test on loopback)
// answers exactly as from SQLite: the reports, a customer, the health figures.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server_harness.h"
#include "storage/postgres_test_server.h"

namespace storepulse::testing {
namespace {

TEST(PostgresApiTest, EveryRouteAnswersAsFromSqlite) {
  const SampleWarehouse& sample = SampleWarehouse::Get();
  ASSERT_TRUE(sample.ok()) << sample.batch_output();
  auto server = PostgresTestServer::Start();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  ASSERT_TRUE((*server)->Psql("CREATE DATABASE shop").ok());
  const std::string postgres_url = (*server)->Url("shop");
  TempDir dir;
  const CliRun batch =
      RunCli("batch --input " + sample.csv() + " --out " + (dir.path() / "out").string() +
             " --warehouse " + postgres_url);
  ASSERT_EQ(batch.exit_code, 0) << batch.out;

  HarnessOptions postgres_options;
  postgres_options.warehouse_url = postgres_url;
  ServerHarness postgres(postgres_options);
  postgres.Start();
  ASSERT_TRUE(postgres.server().state().ready())
      << postgres.server().state().warehouse_error();
  ServerHarness sqlite;
  sqlite.Start();

  const nlohmann::json customers =
      BodyJson(sqlite.Client()->Get("/api/v1/rfm?limit=1"))["customers"];
  ASSERT_EQ(customers.size(), 1u);
  const std::string customer = customers[0]["customer_id"];
  for (const std::string& path : std::vector<std::string>{
           "/api/v1/daily", "/api/v1/weekly", "/api/v1/segments", "/api/v1/rfm?limit=50",
           "/api/v1/products?top=20", "/api/v1/countries", "/api/v1/cohorts",
           "/api/v1/seasonality", "/api/v1/customers/" + customer, "/api/v1/forecast"}) {
    auto from_postgres = postgres.Client()->Get(path.c_str());
    auto from_sqlite = sqlite.Client()->Get(path.c_str());
    ASSERT_TRUE(from_postgres && from_sqlite) << path;
    EXPECT_EQ(from_postgres->status, from_sqlite->status) << path;
    EXPECT_EQ(from_postgres->body, from_sqlite->body) << path;
  }
  EXPECT_EQ(BodyJson(postgres.Client()->Get("/health"))["warehouse"]["lines"],
            BodyJson(sqlite.Client()->Get("/health"))["warehouse"]["lines"]);
}

}  // namespace
}  // namespace storepulse::testing
