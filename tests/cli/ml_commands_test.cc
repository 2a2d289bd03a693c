// `storepulse train`, `predict` and `forecast` as users run them, on the real export:
// trained once for the suite (after a batch into a SQLite warehouse), then every file,
// warehouse row and command output is checked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "cli/cli_runner.h"
#include "real_data.h"
#include "storage/warehouse.h"
#include "test_util.h"

namespace storepulse {
namespace {

using testing::CliRun;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunCli;

class MlCommandsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(testing::RealDataPath())) return;
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("storepulse-ml-cli-" + std::to_string(::getpid())));
    std::filesystem::create_directories(*dir_);
    const CliRun batch = RunCli("batch --input " + testing::RealDataPath() + " --out " +
                                (*dir_ / "out").string() + " --warehouse " + Url());
    ASSERT_EQ(batch.exit_code, 0) << batch.out;
    train_ = new CliRun(RunCli("train --input " + testing::RealDataPath() + " --models " +
                               Models() + " --warehouse " + Url()));
  }
  static void TearDownTestSuite() {
    if (dir_ != nullptr) std::filesystem::remove_all(*dir_);
    delete dir_;
    delete train_;
  }
  void SetUp() override {
    SKIP_WITHOUT_REAL_DATA();
    ASSERT_NE(train_, nullptr);
    ASSERT_EQ(train_->exit_code, 0) << train_->out;
  }

  // The checks, each of one aspect.

  static std::string Models() { return (*dir_ / "models").string(); }
  static std::string Url() { return "sqlite://" + (*dir_ / "shop.db").string(); }
  static std::vector<std::string> Rows(const std::string& sql) {
    auto warehouse = storage::OpenWarehouse(Url());
    EXPECT_TRUE(warehouse.ok()) << warehouse.status().ToString();
    if (!warehouse.ok()) return {};
    auto result = (*warehouse)->Query(sql);
    EXPECT_TRUE(result.ok()) << sql << ": " << result.status().ToString();
    std::vector<std::string> rows;
    if (!result.ok()) return rows;
    for (const auto& row : result->rows) {
      std::string text;
      for (size_t i = 0; i < row.size(); ++i) {
        if (i > 0) text += '|';
        text += row[i].value_or("NULL");
      }
      rows.push_back(text);
    }
    return rows;
  }

  void TrainPrintsTheEvaluationTableAndTheHonestFinding() {
    EXPECT_THAT(train_->out, HasSubstr("model               split     metric"));
    EXPECT_THAT(train_->out, HasSubstr("baseline exact"));
    EXPECT_THAT(train_->out,
                HasSubstr("a line's revenue IS its quantity times its unit"));
    EXPECT_THAT(train_->out, HasSubstr("Models in " + Models()));
    EXPECT_THAT(train_->out,
                HasSubstr("3 models in model_registry, 28 days in forecasts"));
  }

  void EvaluationJsonHasTheDocumentedRows() {
    std::ifstream in(std::filesystem::path(Models()) / "evaluation.json");
    const nlohmann::json rows = nlohmann::json::parse(in);
    ASSERT_TRUE(rows.is_array());
    std::set<std::string> seen;
    for (const nlohmann::json& row : rows) {
      ASSERT_EQ(row.size(), 6u) << row.dump();
      for (const char* key : {"model", "split", "metric", "baseline"}) {
        ASSERT_TRUE(row.at(key).is_string()) << row.dump();
      }
      ASSERT_TRUE(row.at("value").is_number()) << row.dump();
      ASSERT_TRUE(row.at("baseline_value").is_number()) << row.dump();
      seen.insert(
          row["model"].get<std::string>() + "/" + row["split"].get<std::string>() + "/" +
          row["metric"].get<std::string>() + "/" + row["baseline"].get<std::string>());
      const std::string metric = row["metric"];
      const double value = row["value"], baseline = row["baseline_value"];
      // Every baseline that can be beaten is beaten (quantity x price cannot: it is
      // exact).
      if (row["baseline"] == "quantity_x_price") continue;
      if (metric == "r2" || metric == "top10_capture") {
        EXPECT_GT(value, baseline) << row.dump();
      } else if (row["model"] != "customer_value_90d" || metric != "rmse") {
        EXPECT_LT(value, baseline) << row.dump();
      }
    }
    EXPECT_EQ(seen.size(), rows.size());  // no row twice
    for (const char* expected :
         {"line_revenue/random/mae/mean", "line_revenue/random/r2/quantity_x_price",
          "line_revenue/time/rmse/mean", "customer_value_90d/time/mae/last_90_days",
          "customer_value_90d/time/top10_capture/last_90_days",
          "daily_forecast/backtest/wape/seasonal_naive",
          "daily_forecast/backtest/mape/weekday_mean"}) {
      EXPECT_TRUE(seen.count(expected)) << expected;
    }
    EXPECT_EQ(rows.size(), 12u + 3u + 4u);
  }

  void EveryModelHasItsFilesAndARegistryRow() {
    for (const char* file :
         {"line_revenue.json", "line_revenue.meta.json", "customer_value_90d.json",
          "customer_value_90d.meta.json", "daily_forecast_revenue.json",
          "daily_forecast_orders.json", "daily_forecast.meta.json"}) {
      EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(Models()) / file))
          << file;
    }
    EXPECT_THAT(Rows("SELECT kind, source FROM model_registry ORDER BY kind"),
                ::testing::ElementsAre("customer_value_90d|" + testing::RealDataPath(),
                                       "daily_forecast|" + testing::RealDataPath(),
                                       "line_revenue|" + testing::RealDataPath()));
    EXPECT_THAT(Rows("SELECT COUNT(*), MIN(date), MAX(date) FROM forecasts"),
                ::testing::ElementsAre("28|2011-12-10|2012-01-06"));
    EXPECT_THAT(Rows("SELECT revenue FROM forecasts WHERE date = '2011-12-10'"),
                ::testing::ElementsAre("0.0000"));  // a Saturday
    EXPECT_THAT(Rows("SELECT COUNT(*), COUNT(predicted_value_90d) FROM customer_metrics"),
                ::testing::ElementsAre("4338|4338"));
  }

  void PredictPrintsThePrototypesResponse() {
    const CliRun run =
        RunCli("predict --models " + Models() +
               " --quantity 3 --unit-price 15.5 --hour 14 --day-of-week 2");
    ASSERT_EQ(run.exit_code, 0) << run.out;
    const nlohmann::json response = nlohmann::json::parse(run.out);
    EXPECT_EQ(response["status"], "success");
    // The model approximates 3 x 15.50 = 46.50.
    EXPECT_NEAR(response["predicted_revenue"].get<double>(), 46.5, 5);
    EXPECT_EQ(response["input_features"]["country"], "United Kingdom");
    EXPECT_THAT(response["model_version"].get<std::string>(),
                ::testing::StartsWith("line_revenue-"));

    const CliRun other =
        RunCli("predict --models " + Models() +
               " --quantity 3 --unit-price 15.5 --country Narnia --month 6");
    ASSERT_EQ(other.exit_code, 0) << other.out;
    EXPECT_EQ(nlohmann::json::parse(other.out)["input_features"]["country"], "other");
  }

  void PredictRefusesBadInputsWithExitTwo() {
    for (const auto& [arguments, message] :
         std::vector<std::pair<std::string, std::string>>{
             {"--quantity -1 --unit-price 2", "quantity: must be"},
             {"--quantity 1 --unit-price 2 --hour 25", "hour: must be 0 to 23"},
             {"--quantity nan --unit-price 2", "quantity: must be"},
             {"--quantity 1 --unit-price 2 --month 13", "month: must be 1 to 12"},
             {"--quantity 1", "--unit-price is required"}}) {
      const CliRun run = RunCli("predict --models " + Models() + " " + arguments);
      EXPECT_EQ(run.exit_code, 2) << arguments << ": " << run.out;
      EXPECT_THAT(run.out, HasSubstr(message)) << arguments;
    }
    const CliRun missing =
        RunCli("predict --models /nonexistent --quantity 1 --unit-price 1");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_THAT(missing.out, HasSubstr("run `storepulse train"));
  }

  void ForecastPrintsTheNextDaysAsTextOrJson() {
    const CliRun text = RunCli("forecast --models " + Models() + " --days 14");
    ASSERT_EQ(text.exit_code, 0) << text.out;
    EXPECT_THAT(text.out, HasSubstr("Daily forecast for the 14 days after 2011-12-09"));
    EXPECT_THAT(text.out, HasSubstr("2011-12-10  Saturday"));
    EXPECT_THAT(text.out, HasSubstr("closed"));
    EXPECT_THAT(text.out, HasSubstr("2011-12-23  Friday"));

    const CliRun json =
        RunCli("forecast --models " + Models() + " --days 3 --format json");
    ASSERT_EQ(json.exit_code, 0) << json.out;
    const nlohmann::json parsed = nlohmann::json::parse(json.out);
    ASSERT_EQ(parsed["forecast"].size(), 3u);
    EXPECT_EQ(parsed["forecast"][0]["date"], "2011-12-10");
    EXPECT_EQ(parsed["forecast"][0]["closed"], true);
    EXPECT_GT(parsed["forecast"][1]["revenue"].get<double>(), 0);

    const CliRun too_far = RunCli("forecast --models " + Models() + " --days 29");
    EXPECT_EQ(too_far.exit_code, 2);
    EXPECT_THAT(too_far.out, HasSubstr("1 to 28 days"));
  }

  static inline std::filesystem::path* dir_ = nullptr;
  static inline CliRun* train_ = nullptr;
};

// One test, so that ctest (a process per test) trains once: each check is a member.
TEST_F(MlCommandsTest, TrainThenPredictAndForecastOnTheRealExport) {
  {
    SCOPED_TRACE("TrainPrintsTheEvaluationTableAndTheHonestFinding");
    TrainPrintsTheEvaluationTableAndTheHonestFinding();
  }
  {
    SCOPED_TRACE("EvaluationJsonHasTheDocumentedRows");
    EvaluationJsonHasTheDocumentedRows();
  }
  {
    SCOPED_TRACE("EveryModelHasItsFilesAndARegistryRow");
    EveryModelHasItsFilesAndARegistryRow();
  }
  {
    SCOPED_TRACE("PredictPrintsThePrototypesResponse");
    PredictPrintsThePrototypesResponse();
  }
  {
    SCOPED_TRACE("PredictRefusesBadInputsWithExitTwo");
    PredictRefusesBadInputsWithExitTwo();
  }
  {
    SCOPED_TRACE("ForecastPrintsTheNextDaysAsTextOrJson");
    ForecastPrintsTheNextDaysAsTextOrJson();
  }
}

TEST(MlCommandsInputTest, TrainNeedsItsOptionsAndAReadableInput) {
  const CliRun no_models = RunCli("train --input x.csv");
  EXPECT_EQ(no_models.exit_code, 2);
  EXPECT_THAT(no_models.out, HasSubstr("--models is required"));
  // The --models directories it made to check it could are taken back.
  const testing::TempDir dir;
  const std::filesystem::path models = dir.path() / "new" / "models";
  const CliRun missing =
      RunCli("train --input /nonexistent.csv --models " + models.string() + "/");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.out, HasSubstr("/nonexistent.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "new"));
  EXPECT_TRUE(std::filesystem::exists(dir.path()));
  // One that was there before stays, and so does what is in it.
  std::filesystem::create_directories(models);
  std::ofstream(models / "keep.txt") << "mine\n";
  EXPECT_EQ(
      RunCli("train --input /nonexistent.csv --models " + models.string()).exit_code, 2);
  EXPECT_TRUE(std::filesystem::exists(models / "keep.txt"));
}

// The warehouse is checked before training (seconds on the real export): a bad one
// fails at once, naming the option without its password, with no models written.
TEST(MlCommandsInputTest, TrainRefusesABadWarehouseBeforeTraining) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("storepulse-train-wh-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path input = dir / "orders.csv";
  std::ofstream(input) << "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,"
                          "UnitPrice,CustomerID,Country\n"
                          "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,France\n";
  const std::filesystem::path models = dir / "models";
  const CliRun run =
      RunCli("train --input " + input.string() + " --models " + models.string() +
             " --warehouse postgresql://analyst:hunter2@127.0.0.1:1/shop");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("error: --warehouse: cannot connect to "
                                 "postgresql://analyst@127.0.0.1:1/shop"));
  EXPECT_THAT(run.out, Not(HasSubstr("hunter2")));
  EXPECT_FALSE(std::filesystem::exists(models));  // made to check it could, taken back
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace storepulse
