// WriteCsv: the file on disk, atomic publication and failures that leave nothing behind.
#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "synth/generator.h"

namespace storepulse::synth {
namespace {

// A fresh directory per test, removed with its files afterwards.
class WriteCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "storepulse_synth_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  void TearDown() override {
    for (const std::string& name : Files()) unlink((directory_ + "/" + name).c_str());
    rmdir(directory_.c_str());
  }

  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    DIR* dir = opendir(directory_.c_str());
    if (dir == nullptr) return names;
    while (const dirent* entry = readdir(dir)) {
      const std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    closedir(dir);
    return names;
  }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  static void Write(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }

  std::string directory_;
};

GeneratorOptions Options(uint64_t rows) {
  GeneratorOptions options;
  options.rows = rows;
  return options;
}

TEST_F(WriteCsvTest, WritesTheSameBytesAsGenerateCsvAndNothingElse) {
  const std::string path = directory_ + "/orders.csv";
  ASSERT_TRUE(WriteCsv(Options(30'000), path).ok());
  EXPECT_EQ(Read(path), GenerateCsv(Options(30'000)));
  EXPECT_EQ(Files(), std::vector<std::string>{"orders.csv"});  // no temporary left
}

TEST_F(WriteCsvTest, ReplacesAnExistingFile) {
  const std::string path = directory_ + "/orders.csv";
  Write(path, "old contents");
  ASSERT_TRUE(WriteCsv(Options(100), path).ok());
  EXPECT_EQ(Read(path), GenerateCsv(Options(100)));
}

TEST_F(WriteCsvTest, AMissingDirectoryIsAnIOErrorNamingThePath) {
  const std::string path = directory_ + "/missing/orders.csv";
  const Status status = WriteCsv(Options(100), path);
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
  EXPECT_TRUE(Files().empty());
}

TEST_F(WriteCsvTest, BadOptionsLeaveAnExistingFileAlone) {
  const std::string path = directory_ + "/orders.csv";
  Write(path, "old contents");
  EXPECT_EQ(WriteCsv(Options(0), path).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Read(path), "old contents");
  EXPECT_EQ(Files(), std::vector<std::string>{"orders.csv"});
}

TEST_F(WriteCsvTest, AFailedWriteLeavesTheOldFileAndNoTemporary) {
  // The file size limit makes write() fail with EFBIG part-way, as a full disk would.
  const std::string path = directory_ + "/orders.csv";
  Write(path, "old contents");
  rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  struct sigaction ignore = {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction saved_action;
  ASSERT_EQ(sigaction(SIGXFSZ, &ignore, &saved_action), 0);
  rlimit limited = saved;
  limited.rlim_cur = 1 << 20;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limited), 0);
  const Status status = WriteCsv(Options(100'000), path);
  setrlimit(RLIMIT_FSIZE, &saved);
  sigaction(SIGXFSZ, &saved_action, nullptr);

  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
  EXPECT_EQ(Read(path), "old contents");
  EXPECT_EQ(Files(), std::vector<std::string>{"orders.csv"});
}

TEST_F(WriteCsvTest, FollowsASymbolicLinkAndKeepsIt) {
  const std::string target = directory_ + "/orders.csv";
  const std::string link = directory_ + "/latest.csv";
  Write(target, "old contents");
  ASSERT_EQ(symlink(target.c_str(), link.c_str()), 0);
  ASSERT_TRUE(WriteCsv(Options(100), link).ok());
  struct stat info;
  ASSERT_EQ(lstat(link.c_str(), &info), 0);
  EXPECT_TRUE(S_ISLNK(info.st_mode));
  EXPECT_EQ(Read(target), GenerateCsv(Options(100)));
}

TEST_F(WriteCsvTest, StreamsIntoADeviceWithoutReplacingIt) {
  // Renaming over /dev/null (or /dev/stdout) would replace the device with a file.
  ASSERT_TRUE(WriteCsv(Options(1'000), "/dev/null").ok());
  struct stat info;
  ASSERT_EQ(stat("/dev/null", &info), 0);
  EXPECT_TRUE(S_ISCHR(info.st_mode));
}

TEST_F(WriteCsvTest, ADirectoryIsAnIOError) {
  const Status status = WriteCsv(Options(10), directory_);
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_NE(status.message().find("directory"), std::string::npos) << status.message();
  EXPECT_TRUE(Files().empty());
}

TEST_F(WriteCsvTest, ReportsProgressInRowsUpToTheTotal) {
  std::vector<uint64_t> done;
  const auto progress = [&](uint64_t rows, uint64_t total) {
    EXPECT_EQ(total, 50'000u);
    done.push_back(rows);
  };
  ASSERT_TRUE(WriteCsv(Options(50'000), directory_ + "/orders.csv", progress).ok());
  ASSERT_GT(done.size(), 3u);
  EXPECT_TRUE(std::is_sorted(done.begin(), done.end()));
  EXPECT_EQ(done.back(), 50'000u);
}

}  // namespace
}  // namespace storepulse::synth
