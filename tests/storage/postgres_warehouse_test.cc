// PostgreSQL-only behaviour; the shared contract is in warehouse_contract_test.cc.
#include "storage/postgres_warehouse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "postgres_test_server.h"
#include "storage/warehouse.h"
#include "test_util.h"

namespace storepulse::storage {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(PostgresWarehouseTest, AnUnreachableServerIsAnIOErrorWithoutThePassword) {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  auto opened = OpenWarehouse("postgresql://analyst:hunter2@127.0.0.1:1/shop");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kIOError) << opened.status().ToString();
  EXPECT_THAT(opened.status().message(),
              HasSubstr("cannot connect to postgresql://analyst@127.0.0.1:1/shop"));
  EXPECT_THAT(opened.status().message(), HasSubstr("refused"));
  EXPECT_THAT(opened.status().message(), Not(HasSubstr("hunter2")));
}

TEST(PostgresWarehouseTest, AMissingDatabaseIsAnIOErrorWithTheServersMessage) {
  auto server = testing::PostgresTestServer::Start();
  ASSERT_OK(server.status());
  auto opened = OpenWarehouse((*server)->Url("no_such_database"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kIOError);
  EXPECT_THAT(opened.status().message(),
              HasSubstr("\"no_such_database\" does not exist"));
}

}  // namespace
}  // namespace storepulse::storage
