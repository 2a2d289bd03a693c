// The real data set through `storepulse batch` and through the pandas peer
// (bench/peers/pandas_batch.py: read_csv, clean, groupby, as the prototype's
// daily_processor.py): the daily metrics of every date, the weekly trends and the
// customer tiers must be the same JSON values, an independent check of every figure.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_runner.h"
#include "real_data.h"
#include "test_util.h"

namespace storepulse {
namespace {

bool PandasAvailable() {
  return std::system("/usr/bin/python3 -c 'import pandas' >/dev/null 2>&1") == 0;
}

nlohmann::json ReadJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

TEST(PandasPeerTest, BatchReportsEqualThePandasPeers) {
  SKIP_WITHOUT_REAL_DATA();
  if (!PandasAvailable()) {
    GTEST_SKIP() << "/usr/bin/python3 has no pandas (Debian's python3-pandas; "
                    "scripts/install-deps.sh installs it)";
  }
  const testing::TempDir dir;
  const std::filesystem::path ours = dir.path() / "storepulse";
  const std::filesystem::path peer = dir.path() / "pandas";
  const testing::CliRun batch =
      testing::RunCli("batch --input '" + testing::RealDataPath() +
                      "' --warehouse none --out '" + ours.string() + "'");
  ASSERT_EQ(batch.exit_code, 0) << batch.out;
  const std::string script =
      std::string(STOREPULSE_SOURCE_DIR) + "/bench/peers/pandas_batch.py";
  const std::string command = "/usr/bin/python3 '" + script + "' '" +
                              testing::RealDataPath() + "' '" + peer.string() +
                              "' >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  for (const char* file :
       {"daily_metrics.json", "weekly_trends.json", "customer_segments.json"}) {
    SCOPED_TRACE(file);
    const nlohmann::json expected = ReadJson(peer / file);
    const nlohmann::json actual = ReadJson(ours / file);
    ASSERT_FALSE(expected.is_discarded());
    ASSERT_FALSE(actual.is_discarded());
    for (const auto& [key, value] : expected.items()) {
      EXPECT_EQ(actual.value(key, nlohmann::json()), value)
          << "field " << key << ": storepulse "
          << actual.value(key, nlohmann::json()).dump().substr(0, 400) << "\n  pandas "
          << value.dump().substr(0, 400);
    }
    EXPECT_EQ(actual.size(), expected.size());
  }
  // The peer's figures are the golden ones the other tests check, too.
  const nlohmann::json daily = ReadJson(peer / "daily_metrics.json");
  EXPECT_EQ(daily["revenue"], 184349.28);
  EXPECT_EQ(daily["orders"], 41);
  EXPECT_EQ(daily["lines"], 617);
}

}  // namespace
}  // namespace storepulse
