#include "core/shared_library.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "server/http_listener_impl.h"
#include "storage/postgres_warehouse.h"

namespace storepulse {
namespace {

TEST(SharedLibraryTest, OpensBySonameAndFindsTypedFunctions) {
  auto libc = SharedLibrary::Open("libc.so.6");
  ASSERT_TRUE(libc.ok()) << libc.status().message();
  auto length = libc->Function<decltype(std::strlen)>("strlen");
  ASSERT_TRUE(length.ok()) << length.status().message();
  EXPECT_EQ((*length)("storepulse"), 10u);
}

TEST(SharedLibraryTest, AMissingLibraryOrSymbolIsNotFoundNamingIt) {
  auto missing = SharedLibrary::Open("libstorepulse-no-such-library.so.7");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("libstorepulse-no-such-library.so.7"),
            std::string::npos)
      << missing.status().message();

  auto libc = SharedLibrary::Open("libc.so.6");
  ASSERT_TRUE(libc.ok());
  auto symbol = libc->Symbol("storepulse_no_such_symbol");
  ASSERT_FALSE(symbol.ok());
  EXPECT_EQ(symbol.status().code(), StatusCode::kNotFound);
  EXPECT_NE(symbol.status().message().find("storepulse_no_such_symbol"),
            std::string::npos);
}

TEST(SharedLibraryTest, AMissingModuleSaysWhereItLooked) {
  auto module = OpenModule("storepulse-no-such-module.so");
  ASSERT_FALSE(module.ok());
  EXPECT_EQ(module.status().code(), StatusCode::kNotFound);
  EXPECT_NE(module.status().message().find("storepulse-no-such-module.so"),
            std::string::npos);
  EXPECT_NE(module.status().message().find("looked for"), std::string::npos);

  auto function = ModuleFunction<void()>("storepulse-no-such-module.so", "entry",
                                         "Frobnication support");
  ASSERT_FALSE(function.ok());
  EXPECT_EQ(function.status().code(), StatusCode::kInternal);
  EXPECT_EQ(function.status().message().rfind("Frobnication support: the module ", 0), 0u)
      << function.status().message();
  auto symbol = ModuleFunction<void()>(storage::kPostgresModule, "storepulse_no_entry",
                                       "PostgreSQL support");
  ASSERT_FALSE(symbol.ok());
  EXPECT_NE(symbol.status().message().find("storepulse_no_entry"), std::string::npos);
}

// The modules the build makes are found beside the test binary and export their entry
// points: a module that lost its entry point would fail here, not in a user's run.
TEST(SharedLibraryTest, TheBuiltModulesLoadAndExportTheirEntryPoints) {
  auto postgres = OpenModule(storage::kPostgresModule);
  ASSERT_TRUE(postgres.ok()) << postgres.status().message();
  EXPECT_TRUE(postgres
                  ->Function<storage::OpenPostgresWarehouseFunction>(
                      storage::kOpenPostgresWarehouseSymbol)
                  .ok());
  auto http = OpenModule(server::kHttpModule);
  ASSERT_TRUE(http.ok()) << http.status().message();
  EXPECT_TRUE(
      http->Function<server::BindHttpListenerFunction>(server::kBindHttpListenerSymbol)
          .ok());
}

}  // namespace
}  // namespace storepulse
