// The storepulse binary as users run it: exit statuses, messages and files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/cli_runner.h"
#include "real_data.h"

namespace storepulse {
namespace {

using testing::CliRun;
using testing::RunCli;
using testing::RunCliWithEnvironment;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("storepulse-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  std::filesystem::path dir_;
};

constexpr char kSmallCsv[] =
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,"
    "Country\r\n"
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United "
    "Kingdom\r\n"
    "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom\r\n"
    "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom\r\n"
    "536414,22139,,56,12/1/2010 11:52,0,,United Kingdom\r\n"
    "536544,21773,\"DECORATIVE ROSE BATHROOM BOTTLE, \"\"X\"\"\",1,12/1/2010 "
    "14:32,2.51,,United "
    "Kingdom\r\n"
    "536370,22728,ALARM CLOCK BAKELIKE PINK,24,12/1/2010 8:45,3.75,12583,France\r\n";

// The libraries only some commands need (PostgreSQL, HTTP, XGBoost, and the TLS,
// Kerberos and OpenMP libraries they pull in) are not loaded by a batch without them:
// loading them cost 8 ms of every run. The dynamic linker's own log says what it loaded.
TEST_F(CliTest, BatchWithoutAWarehouseLoadsNoPostgresHttpOrXgboost) {
  const std::string input = Write("small.csv", kSmallCsv);
  const CliRun run = RunCliWithEnvironment(
      "LD_DEBUG=libs",
      "batch --input " + input + " --warehouse none --out " + (dir_ / "out").string());
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("libtbb"), std::string::npos) << "no loader log:\n" << run.out;
  for (const char* library : {"libpq", "libxgboost", "libcpp-httplib", "libssl",
                              "libgomp", "storepulse-postgres", "storepulse-http"}) {
    EXPECT_EQ(run.out.find(library), std::string::npos) << library << " was loaded";
  }
}

TEST_F(CliTest, ProfileJsonHasTheContractFields) {
  const std::string input = Write("small.csv", kSmallCsv);
  const CliRun run = RunCli("profile --input " + input + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["rows_read"], 6);
  EXPECT_EQ(json["rows_clean"], 3);
  EXPECT_EQ(json["rows_quarantined"], 3);
  EXPECT_EQ(json["quarantine_reasons"]["cancellation"], 1);
  EXPECT_EQ(json["quarantine_reasons"]["non_positive_price"], 1);
  EXPECT_EQ(json["quarantine_reasons"]["missing_customer"], 1);
  EXPECT_EQ(json["duplicate_rows"], 0);
  EXPECT_EQ(json["date_min"], "2010-12-01T08:26:00");
  EXPECT_EQ(json["date_max"], "2010-12-01T08:45:00");
  EXPECT_EQ(json["invoices"], 2);
  EXPECT_EQ(json["customers"], 2);
  EXPECT_EQ(json["products"], 3);
  EXPECT_EQ(json["countries"], 2);
  // 6 × 2.55 + 6 × 3.39 + 24 × 3.75 = 125.64
  EXPECT_DOUBLE_EQ(json["revenue"].get<double>(), 125.64);
  EXPECT_EQ(json["top_countries"][0]["country"], "France");
}

TEST_F(CliTest, ProfileTextShowsTheFigures) {
  const std::string input = Write("small.csv", kSmallCsv);
  const CliRun run = RunCli("profile --input " + input);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("orders (distinct invoices)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("£125.64"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("cancellation"), std::string::npos) << run.out;
}

TEST_F(CliTest, ProfileWritesSummaryProfileAndQuarantine) {
  const std::string input = Write("small.csv", kSmallCsv);
  const auto out = dir_ / "out";
  const auto quarantine = dir_ / "quarantine.csv";
  const CliRun run = RunCli("profile --input " + input + " --out " + out.string() +
                            " --quarantine " + quarantine.string() + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  std::ifstream summary(out / "dataset_summary.csv");
  std::stringstream summary_text;
  summary_text << summary.rdbuf();
  EXPECT_NE(summary_text.str().find("rows_clean,3\n"), std::string::npos)
      << summary_text.str();
  std::ifstream profile_file(out / "profile.json");
  EXPECT_EQ(nlohmann::json::parse(profile_file)["rows_read"], 6);
  std::ifstream quarantine_file(quarantine);
  std::stringstream quarantine_text;
  quarantine_text << quarantine_file.rdbuf();
  EXPECT_EQ(
      quarantine_text.str().rfind("source,line,column,field,reason,detail,raw_row\n", 0),
      0u);
  EXPECT_NE(quarantine_text.str().find(",4,1,InvoiceNo,cancellation,"), std::string::npos)
      << quarantine_text.str();
  // The quoted description with a comma and quotes survives into raw_row, re-quoted.
  EXPECT_NE(quarantine_text.str().find("\"\"DECORATIVE ROSE BATHROOM BOTTLE, \"\"\"\"X"),
            std::string::npos)
      << quarantine_text.str();
}

TEST_F(CliTest, MissingFileIsAOneLineErrorWithStatus2) {
  const CliRun run = RunCli("profile --input " + (dir_ / "nope.csv").string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("nope.csv: no such file"), std::string::npos) << run.out;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 1) << run.out;
}

TEST_F(CliTest, FileOfAnotherKindIsRejectedNamingTheMissingColumn) {
  const std::string input = Write("other.csv", "name,age\nann,3\n");
  const CliRun run = RunCli("profile --input " + input);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("other.csv:1: not an order-line CSV: missing column InvoiceNo"),
            std::string::npos)
      << run.out;
}

TEST_F(CliTest, EmptyFileIsRejected) {
  const std::string input = Write("empty.csv", "");
  const CliRun run = RunCli("profile --input " + input);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("the file is empty"), std::string::npos) << run.out;
}

TEST_F(CliTest, BadOptionsExitWith2) {
  EXPECT_EQ(RunCli("profile").exit_code, 2);
  EXPECT_EQ(RunCli("profile --input x.csv --format yaml").exit_code, 2);
  EXPECT_EQ(RunCli("no-such-command").exit_code, 2);
  EXPECT_EQ(RunCli("--help").exit_code, 0);
}

TEST_F(CliTest, RealDataProfileJson) {
  SKIP_WITHOUT_REAL_DATA();
  const CliRun run =
      RunCli("profile --input " + testing::RealDataPath() + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.out.substr(0, 2000);
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["rows_read"], 541909);
  EXPECT_EQ(json["rows_clean"], 397884);
  EXPECT_EQ(json["invoices"], 18532);
  EXPECT_DOUBLE_EQ(json["revenue"].get<double>(), 8911407.90);
  EXPECT_EQ(json["date_min"], "2010-12-01T08:26:00");
  EXPECT_EQ(json["date_max"], "2011-12-09T12:50:00");
}

}  // namespace
}  // namespace storepulse
