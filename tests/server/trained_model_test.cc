// The HTTP service with a model `storepulse train` made: POST /predict answers what
// `storepulse predict` prints, /api/v1/forecast what `storepulse forecast` prints, and
// the customers carry their predicted 90-day value. The sample is a generated export
// thinned to every 12th line, so that it spans the 180+ days the customer model needs
// while training in a couple of seconds.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "cli/serve_process.h"
#include "ml/line_predictor.h"
#include "server_harness.h"

namespace storepulse::testing {
namespace {

using ::testing::HasSubstr;

class TrainedModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string full = (dir_->path() / "full.csv").string();
    csv_ = new std::string((dir_->path() / "sample.csv").string());
    models_ = new std::string((dir_->path() / "models").string());
    url_ = new std::string("sqlite://" + (dir_->path() / "warehouse.db").string());
    setup_log_ = new std::string();
    const CliRun generated = RunCli("generate --rows 600000 --seed 11 --output " + full);
    *setup_log_ += generated.out;
    {
      std::ifstream in(full);
      std::ofstream out(*csv_);
      std::string line;
      for (size_t n = 0; std::getline(in, line); ++n) {
        if (n == 0 || n % 12 == 0) out << line << '\n';
      }
    }
    const CliRun batch =
        RunCli("batch --input " + *csv_ + " --out " + (dir_->path() / "out").string() +
               " --warehouse " + *url_);
    const CliRun train = RunCli("train --input " + *csv_ + " --models " + *models_ +
                                " --warehouse " + *url_);
    *setup_log_ += batch.out + train.out;
    ready_ = generated.exit_code == 0 && batch.exit_code == 0 && train.exit_code == 0;
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete csv_;
    delete models_;
    delete url_;
    delete setup_log_;
  }

  void SetUp() override {
    ASSERT_TRUE(ready_) << *setup_log_;
    HarnessOptions options;
    options.warehouse_url = *url_;
    options.loader = [] { return ml::LoadLinePredictor(*models_); };
    harness_ = std::make_unique<ServerHarness>(options);
    harness_->Start();
    ASSERT_TRUE(harness_->server().state().ready())
        << harness_->server().state().predictor_error()
        << harness_->server().state().warehouse_error();
    client_ = harness_->Client();
  }

  static nlohmann::json CliJson(const std::string& arguments) {
    const CliRun run = RunCli(arguments);
    EXPECT_EQ(run.exit_code, 0) << run.out;
    if (!nlohmann::json::accept(run.out)) {
      ADD_FAILURE() << run.out;
      return nullptr;
    }
    return nlohmann::json::parse(run.out);
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string* csv_ = nullptr;
  static inline std::string* models_ = nullptr;
  static inline std::string* url_ = nullptr;
  static inline std::string* setup_log_ = nullptr;
  static inline bool ready_ = false;
  std::unique_ptr<ServerHarness> harness_;
  std::unique_ptr<httplib::Client> client_;
};

// One test per group (each test process trains its own model: a few seconds).
TEST_F(TrainedModelTest, PredictionsAreThePredictCommandsAndBadRangesAre400) {
  {  // /predict answers what `storepulse predict` prints.
    struct Case {
      std::string body;
      std::string options;
    };
    const std::vector<Case> cases = {
        {R"({"quantity": 3, "unit_price": 15.5, "hour": 14, "day_of_week": 2})",
         "--quantity 3 --unit-price 15.5 --hour 14 --day-of-week 2"},
        {R"({"quantity": 24, "unit_price": 0.85, "hour": 9, "day_of_week": 4, "month": 6,
           "country": "France"})",
         "--quantity 24 --unit-price 0.85 --hour 9 --day-of-week 4 --month 6 --country "
         "France"},
        {R"({"quantity": 1, "unit_price": 120, "hour": 20, "day_of_week": 6,
           "country": "Atlantis"})",
         "--quantity 1 --unit-price 120 --hour 20 --day-of-week 6 --country Atlantis"},
    };
    for (const Case& c : cases) {
      auto result = client_->Post("/predict", c.body, "application/json");
      ASSERT_TRUE(result);
      ASSERT_EQ(result->status, 200) << c.body << " → " << result->body;
      const nlohmann::json served = BodyJson(result);
      EXPECT_EQ(served, CliJson("predict --models " + *models_ + " " + c.options))
          << c.body;
      EXPECT_GT(served["predicted_revenue"].get<double>(), 0) << c.body;
    }
  }
  {  // /predict/batch predicts what single predictions do.
    nlohmann::json items = nlohmann::json::array();
    for (int i = 0; i < 40; ++i) {
      items.push_back({{"quantity", 1 + i % 13},
                       {"unit_price", 0.5 + (i % 7) * 1.75},
                       {"hour", 7 + i % 12},
                       {"day_of_week", i % 7},
                       {"month", 1 + i % 12}});
    }
    auto batch = client_->Post("/predict/batch", nlohmann::json{{"items", items}}.dump(),
                               "application/json");
    ASSERT_TRUE(batch);
    ASSERT_EQ(batch->status, 200) << batch->body;
    const nlohmann::json predictions = BodyJson(batch)["predictions"];
    ASSERT_EQ(predictions.size(), items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      auto single = client_->Post("/predict", items[i].dump(), "application/json");
      ASSERT_TRUE(single);
      EXPECT_NEAR(predictions[i].get<double>(),
                  BodyJson(single)["predicted_revenue"].get<double>(), 0.005)
          << items[i];
    }
  }
  // The model's range checks answer 400 naming the field.
  const struct {
    const char* path;
    const char* body;
    const char* field;
  } bad_requests[] = {
      {"/predict", R"({"quantity": 3, "unit_price": 15.5, "hour": 25, "day_of_week": 2})",
       "hour"},
      {"/predict", R"({"quantity": -2, "unit_price": 15.5, "hour": 5, "day_of_week": 2})",
       "quantity"},
      {"/predict/batch",
       R"({"items": [{"quantity": 3, "unit_price": 1, "hour": 1, "day_of_week": 2},
                    {"quantity": 3, "unit_price": 1, "hour": 1, "day_of_week": 9}]})",
       "items[1].day_of_week"},
  };
  for (const auto& bad : bad_requests) {
    auto answer = client_->Post(bad.path, bad.body, "application/json");
    ASSERT_TRUE(answer) << bad.body;
    EXPECT_EQ(answer->status, 400) << bad.body;
    EXPECT_THAT(BodyJson(answer)["error"].get<std::string>(), HasSubstr(bad.field));
  }
}

TEST_F(TrainedModelTest, ForecastAndCustomerValuesAreWhatTrainStored) {
  {  // /api/v1/forecast is what `storepulse forecast` prints.
    auto result = client_->Get("/api/v1/forecast?days=5");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const nlohmann::json served = BodyJson(result);
    const nlohmann::json cli =
        CliJson("forecast --models " + *models_ + " --days 5 --format json");
    EXPECT_EQ(served["model_version"], cli["model_version"]);
    EXPECT_EQ(served["data_until"], cli["data_until"]);
    ASSERT_EQ(served["forecast"].size(), 5u);
    ASSERT_EQ(cli["forecast"].size(), 5u);
    for (size_t i = 0; i < 5; ++i) {
      const auto& day = served["forecast"][i];
      const auto& expected = cli["forecast"][i];
      EXPECT_EQ(day["date"], expected["date"]);
      EXPECT_EQ(day["weekday"], expected["weekday"]);
      EXPECT_EQ(day["horizon_days"], expected["horizon_days"]);
      EXPECT_EQ(day["closed"], expected["closed"]);
      EXPECT_NEAR(day["revenue"].get<double>(), expected["revenue"].get<double>(), 0.011);
      EXPECT_NEAR(day["orders"].get<double>(), expected["orders"].get<double>(), 0.051);
    }
    // Default: 14 days.
    EXPECT_EQ(BodyJson(client_->Get("/api/v1/forecast"))["forecast"].size(), 14u);
  }
  {  // Customers carry their predicted 90-day value.
    const nlohmann::json rfm = CliJson("report rfm --format json --input " + *csv_);
    size_t with_value = 0;
    for (size_t i = 0; i < 20 && i < rfm["customers"].size(); ++i) {
      const std::string id = rfm["customers"][i]["customer_id"];
      auto result = client_->Get("/api/v1/customers/" + id);
      ASSERT_TRUE(result);
      ASSERT_EQ(result->status, 200) << result->body;
      const nlohmann::json customer = BodyJson(result);
      if (customer["predicted_value_90d"].is_number()) ++with_value;
    }
    EXPECT_GT(with_value, 0u);
  }
}

TEST_F(TrainedModelTest, ServeLoadsTheModelsDirectory) {
  TempDir dir;
  ServeProcess serve(dir, "--port 0 --models " + *models_ + " --warehouse " + *url_);
  const int port = serve.WaitForPort();
  ASSERT_GT(port, 0) << serve.log();
  httplib::Client client("127.0.0.1", port);
  for (int i = 0; i < 200; ++i) {
    auto ready = client.Get("/ready");
    if (ready && ready->status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  auto result = client.Post(
      "/predict", R"({"quantity": 3, "unit_price": 15.5, "hour": 14, "day_of_week": 2})",
      "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200) << result->body;
  EXPECT_THAT(BodyJson(result)["model_version"].get<std::string>(),
              ::testing::StartsWith("line_revenue-"));
  serve.Signal(SIGTERM);
  EXPECT_EQ(serve.WaitForExit(), 0) << serve.log();

  TempDir empty;
  ServeProcess missing(
      empty, "--port 0 --warehouse none --models " + (empty.path() / "none").string());
  const int missing_port = missing.WaitForPort();
  ASSERT_GT(missing_port, 0) << missing.log();
  httplib::Client missing_client("127.0.0.1", missing_port);
  for (int i = 0; i < 200; ++i) {
    if (missing.log().find("model not loaded") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  auto refused = missing_client.Post(
      "/predict", R"({"quantity": 3, "unit_price": 15.5, "hour": 14, "day_of_week": 2})",
      "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_THAT(BodyJson(refused)["error"].get<std::string>(),
              HasSubstr("the model failed to load"));
  missing.Signal(SIGTERM);
  EXPECT_EQ(missing.WaitForExit(), 0);
}

}  // namespace
}  // namespace storepulse::testing
