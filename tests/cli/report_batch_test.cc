// `storepulse report` and `storepulse batch` as users run them.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/cli_runner.h"
#include "real_data.h"
#include "storage/warehouse.h"

namespace storepulse {
namespace {

using testing::CliRun;
using testing::RunCli;

class ReportBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("storepulse-rb-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Read(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  std::filesystem::path dir_;
};

TEST_F(ReportBatchTest, EveryReportKindRendersInEveryFormat) {
  SKIP_WITHOUT_REAL_DATA();
  for (const char* kind : {"daily", "weekly", "segments", "rfm", "products", "countries",
                           "cohorts", "seasonality"}) {
    for (const char* format : {"text", "json", "csv"}) {
      const CliRun run =
          RunCli(std::string("report ") + kind + " --input " + testing::RealDataPath() +
                 " --format " + format + " --top 3");
      ASSERT_EQ(run.exit_code, 0)
          << kind << " " << format << ": " << run.out.substr(0, 500);
      EXPECT_FALSE(run.out.empty()) << kind << " " << format;
      if (std::string(format) == "json") {
        EXPECT_TRUE(nlohmann::json::accept(run.out)) << kind;
      }
    }
  }
}

TEST_F(ReportBatchTest, DailyTextHasTheTruthfulLabels) {
  SKIP_WITHOUT_REAL_DATA();
  const CliRun run = RunCli("report daily --input " + testing::RealDataPath());
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("Total Revenue:"), std::string::npos);
  EXPECT_NE(run.out.find("£184,349.28"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Orders (distinct invoices):"), std::string::npos);
  EXPECT_NE(run.out.find("Order Lines:"), std::string::npos);
}

TEST_F(ReportBatchTest, ADateOutsideTheDataExitsWith2AndNamesTheRange) {
  SKIP_WITHOUT_REAL_DATA();
  const CliRun run =
      RunCli("report daily --input " + testing::RealDataPath() + " --date 2012-01-01");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("no sales on 2012-01-01: the data has sales from 2010-12-01 to "
                         "2011-12-09"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(RunCli("report daily --input x.csv --date 2011-13-01").exit_code, 2);
  EXPECT_EQ(RunCli("report nonsense --input x.csv").exit_code, 2);
}

TEST_F(ReportBatchTest, BatchWritesEveryFileAndTheWarehouseTwiceWithoutDuplicates) {
  SKIP_WITHOUT_REAL_DATA();
  const auto out = dir_ / "out";
  const std::string url = "sqlite://" + (dir_ / "w.db").string();
  for (int run_number = 0; run_number < 2; ++run_number) {
    const CliRun run = RunCli("batch --input " + testing::RealDataPath() + " --out " +
                              out.string() + " --warehouse " + url);
    ASSERT_EQ(run.exit_code, 0) << run.out;
    EXPECT_NE(run.out.find("DAILY E-COMMERCE ANALYTICS REPORT"), std::string::npos);
  }
  for (const char* file :
       {"daily_metrics.json", "weekly_trends.json", "customer_segments.json", "rfm.csv",
        "products.csv", "countries.csv", "cohorts.csv", "seasonality.json",
        "quarantine.csv", "batch.log"}) {
    EXPECT_TRUE(std::filesystem::exists(out / file)) << file;
  }
  // The first run's quarantine.csv, set aside by the second, for the third to remove.
  EXPECT_TRUE(std::filesystem::is_regular_file(out / ".quarantine.csv.replaced"));
  auto warehouse = storage::OpenWarehouse(url);
  ASSERT_TRUE(warehouse.ok()) << warehouse.status().ToString();
  auto counts = (*warehouse)
                    ->Query(
                        "SELECT (SELECT count(*) FROM order_lines), (SELECT count(*) "
                        "FROM quarantine), "
                        "(SELECT count(*) FROM daily_metrics), (SELECT count(*) FROM "
                        "batch_runs WHERE status = "
                        "'succeeded')");
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts->rows[0][0], "397884");
  EXPECT_EQ(*counts->rows[0][1], "144025");
  EXPECT_EQ(*counts->rows[0][2], "305");
  EXPECT_EQ(*counts->rows[0][3], "2");
  const auto daily = nlohmann::json::parse(Read(out / "daily_metrics.json"));
  EXPECT_EQ(daily["date"], "2011-12-09");
  EXPECT_EQ(daily["days"].size(), 305u);
  const auto segments = nlohmann::json::parse(Read(out / "customer_segments.json"));
  EXPECT_EQ(segments["tiers"]["VIP"]["customers"], 217);
  EXPECT_NE(Read(out / "batch.log").find("batch finished"), std::string::npos);
  EXPECT_NE(Read(out / "rfm.csv").find("customer_id,recency_days,frequency,monetary"),
            std::string::npos);
}

// Each run sets aside the quarantine.csv it replaces and frees, while it reads, the one
// the run before set aside: after the third run the hidden file is the second run's.
TEST_F(ReportBatchTest, BatchFreesTheQuarantineTheRunBeforeSetAside) {
  const auto out = dir_ / "out";
  const std::string input = (dir_ / "orders.csv").string();
  std::ofstream(input)
      << "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
         "CustomerID,Country\n"
         "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,UK\n"
         "C536366,22633,HAND WARMER,-6,12/1/2010 8:28,1.85,17850,UK\n";
  const std::string command =
      "batch --input " + input + " --out " + out.string() + " --warehouse none";
  std::vector<ino_t> quarantine_inodes;
  for (int run_number = 0; run_number < 3; ++run_number) {
    ASSERT_EQ(RunCli(command).exit_code, 0);
    struct stat info;
    ASSERT_EQ(::stat((out / "quarantine.csv").c_str(), &info), 0);
    quarantine_inodes.push_back(info.st_ino);
  }
  struct stat aside;
  ASSERT_EQ(::stat((out / ".quarantine.csv.replaced").c_str(), &aside), 0);
  EXPECT_EQ(aside.st_ino, quarantine_inodes[1]);
  EXPECT_NE(aside.st_ino, quarantine_inodes[0]);
}

// The input and the warehouse are checked before the input is read: a bad warehouse
// fails at once, naming the option (without its password), and no reports are computed
// or written; a missing input is refused without creating the warehouse.
TEST_F(ReportBatchTest, BatchRefusesABadWarehouseBeforeReadingTheInput) {
  const std::filesystem::path input = dir_ / "orders.csv";
  std::ofstream(input) << "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,"
                          "UnitPrice,CustomerID,Country\n"
                          "536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850,"
                          "United Kingdom\n";
  const std::filesystem::path out = dir_ / "out";
  struct Case {
    std::string url;
    std::string named;  // what the message says
  };
  for (const Case& bad : {
           Case{"mysql://x/y", "unknown warehouse URL scheme 'mysql' in 'mysql://x/y'"},
           Case{"postgresql://analyst:hunter2@127.0.0.1:1/shop",
                "cannot connect to postgresql://analyst@127.0.0.1:1/shop"},
           Case{"sqlite://" + (dir_ / "missing" / "w.db").string(),
                "cannot open SQLite database '" + (dir_ / "missing" / "w.db").string()},
       }) {
    const CliRun run = RunCli("batch --input " + input.string() + " --out " +
                              out.string() + " --warehouse '" + bad.url + "'");
    EXPECT_EQ(run.exit_code, 2) << bad.url << ": " << run.out;
    EXPECT_NE(run.out.find("error: --warehouse"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find(bad.named), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find("hunter2"), std::string::npos) << run.out;
    EXPECT_FALSE(std::filesystem::exists(out / "daily_metrics.json")) << bad.url;
  }
  // A missing input is refused before the warehouse is created.
  const std::string warehouse = (out / "w.db").string();
  const CliRun missing =
      RunCli("batch --input " + (dir_ / "none.csv").string() + " --out " + out.string() +
             " --warehouse sqlite://" + warehouse);
  EXPECT_EQ(missing.exit_code, 2) << missing.out;
  EXPECT_NE(missing.out.find("none.csv: no such file"), std::string::npos) << missing.out;
  EXPECT_FALSE(std::filesystem::exists(warehouse));
  // The same input with a good warehouse goes through, the warehouse inside --out.
  const CliRun good = RunCli("batch --input " + input.string() + " --out " +
                             out.string() + " --warehouse sqlite://" + warehouse);
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_TRUE(std::filesystem::exists(out / "daily_metrics.json"));
  EXPECT_TRUE(std::filesystem::exists(warehouse));
}

}  // namespace
}  // namespace storepulse
