// GET /api/v1/... over real HTTP against what the batch step stored: every report equals
// `storepulse report KIND --format json` on the same input, and bad parameters get 400
// or 404 naming the problem.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "prometheus_text.h"
#include "real_data.h"
#include "server_harness.h"

namespace storepulse::testing {
namespace {

using ::testing::HasSubstr;

class ReportRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness();
    harness_->Start();
  }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }
  void SetUp() override { client_ = harness_->Client(); }

  httplib::Result Get(const std::string& path) { return client_->Get(path.c_str()); }

  // What `storepulse report` prints for the sample, as JSON.
  static nlohmann::json CliReport(const std::string& arguments) {
    const CliRun run = RunCli("report " + arguments + " --format json --input " +
                              SampleWarehouse::Get().csv());
    EXPECT_EQ(run.exit_code, 0) << run.out;
    if (!nlohmann::json::accept(run.out)) {
      ADD_FAILURE() << run.out.substr(0, 300);
      return nullptr;
    }
    return nlohmann::json::parse(run.out);
  }

  // GET `path`, expect `status`, return the error text.
  std::string ErrorOf(const std::string& path, int status) {
    auto result = Get(path);
    EXPECT_TRUE(result) << path;
    if (!result) return "";
    EXPECT_EQ(result->status, status) << path << " → " << result->body;
    const nlohmann::json json = BodyJson(result);
    EXPECT_EQ(json.value("status", ""), "error");
    return json.value("error", "");
  }

  static ServerHarness* harness_;
  std::unique_ptr<httplib::Client> client_;
};

ServerHarness* ReportRoutesTest::harness_ = nullptr;

TEST_F(ReportRoutesTest, EveryReportIsTheReportCommandsJson) {
  struct Case {
    std::string path;
    std::string cli;
  };
  const std::vector<Case> cases = {
      {"/api/v1/daily", "daily"},
      {"/api/v1/daily?date=2010-12-02", "daily --date 2010-12-02"},
      {"/api/v1/weekly", "weekly"},
      {"/api/v1/weekly?end=2010-12-05", "weekly --date 2010-12-05"},
      {"/api/v1/segments", "segments"},
      {"/api/v1/products", "products"},
      {"/api/v1/products?top=3", "products --top 3"},
      {"/api/v1/countries", "countries"},
      {"/api/v1/cohorts", "cohorts"},
      {"/api/v1/seasonality", "seasonality"},
  };
  for (const Case& c : cases) {
    auto result = Get(c.path);
    ASSERT_TRUE(result) << c.path;
    ASSERT_EQ(result->status, 200) << c.path << ": " << result->body.substr(0, 300);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(BodyJson(result), CliReport(c.cli)) << c.path;
  }
}

TEST_F(ReportRoutesTest, RfmFiltersBySegmentAndLimitsTheCustomerRows) {
  const nlohmann::json cli = CliReport("rfm");
  auto all = Get("/api/v1/rfm?limit=100000");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200) << all->body.substr(0, 300);
  EXPECT_EQ(BodyJson(all), cli);

  auto champions = Get("/api/v1/rfm?segment=Champions&limit=5");
  ASSERT_TRUE(champions);
  ASSERT_EQ(champions->status, 200);
  const nlohmann::json json = BodyJson(champions);
  EXPECT_EQ(json["segments"], cli["segments"]);
  EXPECT_EQ(json["snapshot_date"], cli["snapshot_date"]);
  ASSERT_EQ(json["customers"].size(), 5u);
  nlohmann::json expected = nlohmann::json::array();
  for (const auto& row : cli["customers"]) {
    if (row["segment"] == "Champions" && expected.size() < 5) expected.push_back(row);
  }
  EXPECT_EQ(json["customers"], expected);

  // An apostrophe and a space, URL-encoded.
  auto cant_lose = Get("/api/v1/rfm?segment=Can%27t%20Lose");
  ASSERT_TRUE(cant_lose);
  ASSERT_EQ(cant_lose->status, 200) << cant_lose->body.substr(0, 200);
  const auto cant_lose_json = BodyJson(cant_lose);  // the loop below must not outlive it
  ASSERT_FALSE(cant_lose_json["customers"].empty());
  for (const auto& row : cant_lose_json["customers"]) {
    EXPECT_EQ(row["segment"], "Can't Lose");
  }
  // Default: 100 rows.
  EXPECT_EQ(BodyJson(Get("/api/v1/rfm"))["customers"].size(),
            std::min<size_t>(100, cli["customers"].size()));
}

TEST_F(ReportRoutesTest, CustomerCombinesTheWarehouseRowAndFigures) {
  const nlohmann::json rfm = CliReport("rfm");
  const nlohmann::json first = rfm["customers"][0];
  const std::string id = first["customer_id"];
  auto result = Get("/api/v1/customers/" + id);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const nlohmann::json customer = BodyJson(result);
  EXPECT_EQ(customer["customer_id"], id);
  EXPECT_EQ(customer["rfm_segment"], first["segment"]);
  EXPECT_EQ(customer["recency_days"], first["recency_days"]);
  EXPECT_EQ(customer["frequency"], first["frequency"]);
  EXPECT_EQ(customer["orders"], first["frequency"]);
  EXPECT_DOUBLE_EQ(customer["monetary"].get<double>(), first["monetary"].get<double>());
  EXPECT_DOUBLE_EQ(customer["revenue"].get<double>(), first["monetary"].get<double>());
  EXPECT_EQ(customer["r_score"], first["r"]);
  EXPECT_TRUE(customer.contains("tier"));
  EXPECT_TRUE(customer.contains("predicted_value_90d"));
  EXPECT_FALSE(customer.contains("source"));

  EXPECT_THAT(ErrorOf("/api/v1/customers/00000", 404),
              HasSubstr("no customer '00000' in the batch run of"));
}

TEST_F(ReportRoutesTest, AnUnknownDateIs404NamingTheRange) {
  const std::string error = ErrorOf("/api/v1/daily?date=2009-01-01", 404);
  EXPECT_THAT(error, HasSubstr("no sales on 2009-01-01"));
  EXPECT_THAT(error, HasSubstr("from 2010-12-01 to"));
  EXPECT_THAT(ErrorOf("/api/v1/weekly?end=2030-01-01", 404),
              HasSubstr("from 2010-12-01"));
}

TEST_F(ReportRoutesTest, BadParametersAre400NamingThem) {
  EXPECT_EQ(ErrorOf("/api/v1/daily?date=09-12-2011", 400),
            "date: expected a date YYYY-MM-DD, got '09-12-2011'");
  EXPECT_EQ(ErrorOf("/api/v1/daily?date=2011-02-30", 400),
            "date: expected a date YYYY-MM-DD, got '2011-02-30'");
  EXPECT_EQ(ErrorOf("/api/v1/daily?dat=2011-12-09", 400),
            "unknown parameter 'dat': /api/v1/daily takes date");
  EXPECT_EQ(ErrorOf("/api/v1/products?top=0", 400),
            "top: expected a whole number from 1 to 100000, got '0'");
  EXPECT_EQ(ErrorOf("/api/v1/products?top=ten", 400),
            "top: expected a whole number from 1 to 100000, got 'ten'");
  EXPECT_EQ(ErrorOf("/api/v1/rfm?limit=-1", 400),
            "limit: expected a whole number from 1 to 100000, got '-1'");
  EXPECT_THAT(ErrorOf("/api/v1/rfm?segment=Whales", 400),
              HasSubstr("segment: unknown 'Whales' (one of: Champions, Loyal"));
  EXPECT_EQ(ErrorOf("/api/v1/forecast?days=29", 400),
            "days: expected a whole number from 1 to 28, got '29'");
  EXPECT_EQ(ErrorOf("/api/v1/segments?top=3", 400),
            "unknown parameter 'top': /api/v1/segments takes none");
}

TEST_F(ReportRoutesTest, ForecastWithoutTrainingIs503) {
  EXPECT_EQ(ErrorOf("/api/v1/forecast?days=7", 503),
            "no forecasts: run storepulse train");
}

TEST_F(ReportRoutesTest, RepeatedRequestsComeFromTheCache) {
  const std::string first = Get("/api/v1/seasonality")->body;
  auto metrics = [&] { return Get("/metrics")->body; };
  const std::string before = metrics();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Get("/api/v1/seasonality")->body, first);
  const std::string after = metrics();
  const auto hits = [](const std::string& text) {
    std::string error;
    const auto parsed = ParsePrometheusText(text, &error);
    EXPECT_TRUE(parsed.has_value()) << error;
    return parsed.has_value()
               ? parsed->Value("storepulse_report_cache_hits_total").value_or(-1)
               : -1;
  };
  EXPECT_EQ(hits(after) - hits(before), 5);
}

TEST_F(ReportRoutesTest, WithoutAWarehouseTheApiAnswers503SayingWhy) {
  HarnessOptions options;
  options.warehouse_url = "sqlite://" + std::string("/nonexistent-dir/x/warehouse.db");
  ServerHarness broken(options);
  broken.Start();
  auto result = broken.Client()->Get("/api/v1/daily");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 503);
  EXPECT_THAT(BodyJson(result)["error"].get<std::string>(),
              HasSubstr("the warehouse data failed to load"));
  auto ready = broken.Client()->Get("/ready");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 503);
}

TEST_F(ReportRoutesTest, AnEmptyWarehouseSaysToRunTheBatch) {
  TempDir dir;
  HarnessOptions options;
  options.warehouse_url = "sqlite://" + (dir.path() / "empty.db").string();
  ServerHarness empty(options);
  empty.Start();
  auto result = empty.Client()->Get("/api/v1/countries");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 503);
  EXPECT_THAT(BodyJson(result)["error"].get<std::string>(),
              HasSubstr("no succeeded batch run in"));
  EXPECT_THAT(BodyJson(result)["error"].get<std::string>(),
              HasSubstr("run storepulse batch first"));
}

// The figures the batch step computed on the real export, served.
TEST(ReportRoutesRealDataTest, DailyOn2011_12_09MatchesTheBatchGolden) {
  SKIP_WITHOUT_REAL_DATA();
  TempDir dir;
  const std::string url = "sqlite://" + (dir.path() / "real.db").string();
  const CliRun batch = RunCli("batch --input " + RealDataPath() + " --out " +
                              (dir.path() / "out").string() + " --warehouse " + url);
  ASSERT_EQ(batch.exit_code, 0) << batch.out;
  HarnessOptions options;
  options.warehouse_url = url;
  ServerHarness harness(options);
  harness.Start();
  auto result = harness.Client()->Get("/api/v1/daily?date=2011-12-09");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const nlohmann::json day = BodyJson(result);
  EXPECT_DOUBLE_EQ(day["revenue"].get<double>(), 184349.28);
  EXPECT_EQ(day["orders"], 41);
  EXPECT_EQ(day["lines"], 617);

  auto health = harness.Client()->Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(BodyJson(health)["warehouse"]["lines"], 397884);
  auto range = harness.Client()->Get("/api/v1/daily?date=2011-12-25");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->status, 404);
  EXPECT_THAT(BodyJson(range)["error"].get<std::string>(),
              HasSubstr("from 2010-12-01 to 2011-12-09"));
}

}  // namespace
}  // namespace storepulse::testing
