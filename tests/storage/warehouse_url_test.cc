#include "storage/warehouse_url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/warehouse.h"
#include "test_util.h"

namespace storepulse::storage {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(WarehouseUrlTest, SqliteUrlsNameAbsoluteAndRelativeFiles) {
  auto absolute = ParseWarehouseUrl("sqlite:///var/lib/storepulse/warehouse.db");
  ASSERT_OK(absolute.status());
  EXPECT_EQ(absolute->scheme, WarehouseScheme::kSqlite);
  EXPECT_EQ(absolute->sqlite_path, "/var/lib/storepulse/warehouse.db");
  EXPECT_EQ(absolute->display, "sqlite:///var/lib/storepulse/warehouse.db");

  auto relative = ParseWarehouseUrl(kDefaultWarehouseUrl);
  ASSERT_OK(relative.status());
  EXPECT_EQ(relative->sqlite_path, "storepulse.db");
}

TEST(WarehouseUrlTest, PostgresUrlsGoToLibpqWithThePasswordAndAreShownWithout) {
  for (const char* url :
       {"postgresql://analyst:s3cr%40t@db.example:5433/shop?sslmode=disable",
        "postgres://analyst:s3cr%40t@db.example:5433/shop?sslmode=disable"}) {
    auto parsed = ParseWarehouseUrl(url);
    ASSERT_OK(parsed.status());
    EXPECT_EQ(parsed->scheme, WarehouseScheme::kPostgres);
    EXPECT_EQ(parsed->conninfo, url);
    EXPECT_THAT(parsed->display, Not(HasSubstr("s3cr")));
    EXPECT_THAT(parsed->display,
                HasSubstr("analyst@db.example:5433/shop?sslmode=disable"));
  }
}

TEST(WarehouseUrlTest, RedactPasswordDropsUserInfoAndQueryPasswords) {
  EXPECT_EQ(RedactPassword("postgresql://u:p@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(RedactPassword("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(RedactPassword("postgresql://h/db?user=u&password=p&sslmode=require"),
            "postgresql://h/db?user=u&sslmode=require");
  EXPECT_EQ(RedactPassword("postgresql://h/db?password=p"), "postgresql://h/db");
  EXPECT_EQ(RedactPassword("sqlite:///tmp/a@b:c.db"), "sqlite:///tmp/a@b:c.db");
  // A '/' typed in a password, a URL missing a slash, a libpq connection string.
  EXPECT_EQ(RedactPassword("postgresql://u:sec/ret@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(RedactPassword("postgresql:/u:secret@h/db"), "postgresql:...@h/db");
  EXPECT_EQ(RedactPassword("host=h user=u password=secret"),
            "(not shown: it names a password)");
  EXPECT_EQ(RedactPassword("storepulse.db"), "storepulse.db");
}

TEST(WarehouseUrlTest, UnknownSchemesAndMalformedUrlsAreInvalidArguments) {
  struct Case {
    const char* url;
    const char* message;
  };
  for (const Case& bad : {
           Case{"mysql://root@localhost/shop", "unknown warehouse URL scheme 'mysql'"},
           Case{"storepulse.db", "malformed warehouse URL 'storepulse.db'"},
           Case{"://x", "malformed warehouse URL"},
           Case{"sqlite://", "no database file after sqlite://"},
           Case{"postgresql://u:pw@host:54x2/db", "port '54x2' is not a number"},
           Case{"postgresql://u:pw@host:0/db",
                "port '0' is not a number from 1 to 65535"},
           Case{"postgresql://u:pw@[::1/db", "unclosed '['"},
       }) {
    auto parsed = ParseWarehouseUrl(bad.url);
    ASSERT_FALSE(parsed.ok()) << bad.url;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << bad.url;
    EXPECT_THAT(parsed.status().message(), HasSubstr(bad.message));
    EXPECT_THAT(parsed.status().message(), Not(HasSubstr("pw"))) << "password leaked";
    // OpenWarehouse reports the same error.
    auto opened = OpenWarehouse(bad.url);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().message(), parsed.status().message());
  }
}

TEST(WarehouseUrlTest, PostgresHostListsAndIpv6AddressesAreAccepted) {
  EXPECT_OK(ParseWarehouseUrl("postgresql://u@h1:5432,h2:5433/db").status());
  EXPECT_OK(ParseWarehouseUrl("postgresql://u@[::1]:5432/db").status());
  EXPECT_OK(ParseWarehouseUrl("postgresql:///db?host=/run/postgresql").status());
}

}  // namespace
}  // namespace storepulse::storage
