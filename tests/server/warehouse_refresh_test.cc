// A server left running follows the warehouse: a newer batch run is loaded and served
// without a restart, a server started before the first batch becomes ready when it
// lands, and unchanged data is not loaded again.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "prometheus_text.h"
#include "server_harness.h"

namespace storepulse::testing {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

constexpr auto kRefresh = 50ms;

std::string WarehouseUrl(const TempDir& dir) {
  return "sqlite://" + (dir.path() / "warehouse.db").string();
}

// Generates an export of `rows` rows and runs `storepulse batch` on it into the
// warehouse in `dir`.
void BatchInto(const TempDir& dir, const std::string& name, int rows, int seed) {
  const std::string csv = (dir.path() / (name + ".csv")).string();
  const CliRun generated = RunCli("generate --rows " + std::to_string(rows) + " --seed " +
                                  std::to_string(seed) + " --output " + csv);
  ASSERT_EQ(generated.exit_code, 0) << generated.out;
  const CliRun batch = RunCli("batch --input " + csv + " --out " +
                              (dir.path() / (name + "-out")).string() + " --warehouse " +
                              WarehouseUrl(dir));
  ASSERT_EQ(batch.exit_code, 0) << batch.out;
}

nlohmann::json Health(const ServerHarness& harness) {
  return BodyJson(harness.Client()->Get("/health"));
}

// Polls /health until `done` holds, for at most 20 s (refreshes come every 50 ms).
template <typename Done>
nlohmann::json AwaitHealth(const ServerHarness& harness, Done done) {
  nlohmann::json health;
  for (int i = 0; i < 400; ++i) {
    health = Health(harness);
    if (done(health)) return health;
    std::this_thread::sleep_for(kRefresh);
  }
  ADD_FAILURE() << "gave up waiting; last /health: " << health.dump();
  return health;
}

// A server over the SQLite warehouse in `dir`, looking at it every kRefresh.
HarnessOptions Refreshing(const TempDir& dir) {
  HarnessOptions options;
  options.warehouse_url = WarehouseUrl(dir);
  options.warehouse_refresh = kRefresh;
  return options;
}

double CacheCounter(const ServerHarness& harness, const std::string& name) {
  const std::string text = harness.Client()->Get("/metrics")->body;
  std::string error;
  const auto parsed = ParsePrometheusText(text, &error);
  EXPECT_TRUE(parsed.has_value()) << error;
  return parsed.has_value() ? parsed->Value(name).value_or(-1) : -1;
}

TEST(WarehouseRefreshTest, ANewerBatchRunIsServedWithoutARestart) {
  TempDir dir;
  BatchInto(dir, "first", 3000, 1);
  ServerHarness harness(Refreshing(dir));
  harness.Start();
  const nlohmann::json before = Health(harness);
  ASSERT_EQ(before["warehouse"]["state"], "loaded") << before.dump();
  const int64_t first_run = before["warehouse"]["batch_run"].get<int64_t>();
  EXPECT_THAT(before["warehouse"]["source"].get<std::string>(), HasSubstr("first.csv"));
  const std::string first_countries = harness.Client()->Get("/api/v1/countries")->body;
  EXPECT_EQ(harness.Client()->Get("/api/v1/countries")->body, first_countries);
  const double hits = CacheCounter(harness, "storepulse_report_cache_hits_total");
  EXPECT_GE(hits, 1);

  BatchInto(dir, "second", 5000, 2);
  const nlohmann::json after = AwaitHealth(harness, [&](const nlohmann::json& health) {
    return health["warehouse"]["batch_run"].get<int64_t>() != first_run;
  });
  EXPECT_THAT(after["warehouse"]["source"].get<std::string>(), HasSubstr("second.csv"));
  EXPECT_GT(after["warehouse"]["lines"].get<int64_t>(),
            before["warehouse"]["lines"].get<int64_t>());
  EXPECT_TRUE(after["ready"].get<bool>());
  // The answers come from the new data, not from the old data's cache...
  const auto countries = harness.Client()->Get("/api/v1/countries");
  ASSERT_EQ(countries->status, 200);
  EXPECT_NE(countries->body, first_countries);
  // ...and the cache counters carry on rather than start again.
  EXPECT_GE(CacheCounter(harness, "storepulse_report_cache_hits_total"), hits);
}

TEST(WarehouseRefreshTest, UnchangedDataIsNotLoadedAgain) {
  TempDir dir;
  BatchInto(dir, "only", 2000, 3);
  ServerHarness harness(Refreshing(dir));
  harness.Start();
  ASSERT_EQ(harness.Client()->Get("/api/v1/seasonality")->status, 200);
  const double misses = CacheCounter(harness, "storepulse_report_cache_misses_total");
  std::this_thread::sleep_for(10 * kRefresh);
  // Still the same data and cache: answered from it, nothing rendered again.
  ASSERT_EQ(harness.Client()->Get("/api/v1/seasonality")->status, 200);
  EXPECT_EQ(CacheCounter(harness, "storepulse_report_cache_misses_total"), misses);
}

TEST(WarehouseRefreshTest, AServerStartedBeforeTheFirstBatchBecomesReady) {
  TempDir dir;
  ServerHarness harness(Refreshing(dir));
  harness.Start();
  EXPECT_EQ(harness.Client()->Get("/ready")->status, 503);
  EXPECT_THAT(Health(harness)["warehouse"]["error"].get<std::string>(),
              HasSubstr("run storepulse batch first"));

  BatchInto(dir, "late", 2000, 4);
  const nlohmann::json health = AwaitHealth(
      harness, [](const nlohmann::json& h) { return h["ready"].get<bool>(); });
  EXPECT_EQ(health["warehouse"]["state"], "loaded");
  EXPECT_FALSE(health["warehouse"].contains("error")) << health.dump();
  EXPECT_EQ(harness.Client()->Get("/api/v1/countries")->status, 200);
}

}  // namespace
}  // namespace storepulse::testing
