#include "core/atomic_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace storepulse {
namespace {

namespace fs = std::filesystem;
using testing::ReadWholeFile;
using testing::TempDir;

std::vector<std::string> FileNames(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AtomicFileTest, WritesANewFile) {
  const TempDir dir;
  const std::string path = (dir.path() / "report.csv").string();
  ASSERT_OK(WriteFileAtomically(path, "a,b\n1,2\n"));
  EXPECT_EQ(ReadWholeFile(path), "a,b\n1,2\n");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});
}

TEST(AtomicFileTest, ReplacesAnExistingFileWhole) {
  const TempDir dir;
  const std::string path = dir.Write("report.csv", std::string(10'000, 'x'));
  ASSERT_OK(WriteFileAtomically(path, "short"));
  EXPECT_EQ(ReadWholeFile(path), "short");
  ASSERT_OK(WriteFileAtomically(path, ""));
  EXPECT_EQ(ReadWholeFile(path), "");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});
}

TEST(AtomicFileTest, TargetKeepsItsOldContentUntilCommit) {
  const TempDir dir;
  const std::string path = dir.Write("report.csv", "old");
  AtomicFile file;
  ASSERT_OK(file.Open(path));
  ASSERT_OK(file.Append("new "));
  ASSERT_OK(file.Append("content"));
  EXPECT_EQ(ReadWholeFile(path), "old");
  EXPECT_EQ(FileNames(dir.path()).size(), 2u);  // the target and the temporary file
  ASSERT_OK(file.Commit());
  EXPECT_EQ(ReadWholeFile(path), "new content");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});
}

TEST(AtomicFileTest, AbandonedFileLeavesNothingBehind) {
  const TempDir dir;
  const std::string path = dir.Write("report.csv", "old");
  {
    AtomicFile file;
    ASSERT_OK(file.Open(path));
    ASSERT_OK(file.Append("half of it"));
  }
  EXPECT_EQ(ReadWholeFile(path), "old");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});

  const std::string fresh = (dir.path() / "fresh.csv").string();
  {
    AtomicFile file;
    ASSERT_OK(file.Open(fresh));
  }
  EXPECT_FALSE(fs::exists(fresh));
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});
}

TEST(AtomicFileTest, MissingDirectoryIsIOErrorNamingThePath) {
  const TempDir dir;
  const std::string path = (dir.path() / "absent" / "report.csv").string();
  const Status status = WriteFileAtomically(path, "x");
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message().rfind(path + ": cannot create:", 0), 0u) << status.message();
  EXPECT_TRUE(FileNames(dir.path()).empty());
}

TEST(AtomicFileTest, DirectoryTargetIsIOError) {
  const TempDir dir;
  fs::create_directory(dir.path() / "out");
  const std::string path = (dir.path() / "out").string();
  const Status status = WriteFileAtomically(path, "x");
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message(), path + ": is a directory");
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"out"});
}

TEST(AtomicFileTest, SymbolicLinkIsFollowedAndKept) {
  const TempDir dir;
  const std::string real = dir.Write("real.csv", "old");
  const fs::path link = dir.path() / "link.csv";
  fs::create_symlink(real, link);
  ASSERT_OK(WriteFileAtomically(link.string(), "new"));
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(ReadWholeFile(real), "new");
  EXPECT_EQ(FileNames(dir.path()), (std::vector<std::string>{"link.csv", "real.csv"}));
}

TEST(AtomicFileTest, NonRegularTargetsAreStreamed) {
  ASSERT_OK(WriteFileAtomically("/dev/null", "discarded"));
}

TEST(AtomicFileTest, FullDiskIsIOError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  AtomicFile file;
  ASSERT_OK(file.Open("/dev/full"));
  const Status status = file.Append("no room");
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message().rfind("/dev/full: cannot write:", 0), 0u)
      << status.message();
}

TEST(AtomicFileTest, LargeContentArrivesWhole) {
  const TempDir dir;
  std::string content;
  for (int i = 0; content.size() < (size_t{3} << 20); ++i)
    content += std::to_string(i) + "\n";
  const std::string path = (dir.path() / "big.csv").string();
  AtomicFile file;
  ASSERT_OK(file.Open(path));
  for (size_t at = 0; at < content.size(); at += 100'000) {
    ASSERT_OK(file.Append(std::string_view(content).substr(at, 100'000)));
  }
  ASSERT_OK(file.Commit());
  EXPECT_TRUE(ReadWholeFile(path) == content);
}

TEST(WriteFilesAtomicallyTest, PublishesEveryFileWholeAndLeavesNoTemporaryFile) {
  const TempDir dir;
  fs::create_directory(dir.path() / "sub");
  const std::string first = dir.Write("daily.json", std::string(5'000, 'x'));
  const std::string second = (dir.path() / "rfm.csv").string();
  const std::string third = (dir.path() / "sub" / "cohorts.csv").string();
  const FileToWrite files[] = {{first, "{}\n"}, {second, "a,b\n"}, {third, ""}};
  ASSERT_OK(WriteFilesAtomically(files));
  EXPECT_EQ(ReadWholeFile(first), "{}\n");
  EXPECT_EQ(ReadWholeFile(second), "a,b\n");
  EXPECT_EQ(ReadWholeFile(third), "");
  EXPECT_EQ(FileNames(dir.path()),
            (std::vector<std::string>{"daily.json", "rfm.csv", "sub"}));
  EXPECT_EQ(FileNames(dir.path() / "sub"), std::vector<std::string>{"cohorts.csv"});
}

// Every file is written and synced before any is renamed: one that cannot be created
// leaves the others' targets as they were, and no temporary file behind.
TEST(WriteFilesAtomicallyTest, AFileThatCannotBeWrittenLeavesEveryTargetUntouched) {
  const TempDir dir;
  const std::string first = dir.Write("daily.json", "old");
  const std::string bad = (dir.path() / "absent" / "rfm.csv").string();
  const FileToWrite files[] = {{first, "new"}, {bad, "x"}};
  const Status status = WriteFilesAtomically(files);
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message().rfind(bad + ": cannot create:", 0), 0u) << status.message();
  EXPECT_EQ(ReadWholeFile(first), "old");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"daily.json"});
}

TEST(WriteFilesAtomicallyTest, AFailingWriteLeavesTheFilesBeforeItUnpublished) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const TempDir dir;
  const std::string first = dir.Write("daily.json", "old");
  const FileToWrite files[] = {{first, "new"}, {"/dev/full", "no room"}};
  const Status status = WriteFilesAtomically(files);
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message().rfind("/dev/full: cannot write:", 0), 0u)
      << status.message();
  EXPECT_EQ(ReadWholeFile(first), "old");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"daily.json"});
}

// A report linked to /dev/null (to discard it) beside regular files: it is streamed,
// the others are published.
TEST(WriteFilesAtomicallyTest, StreamedAndRegularTargetsInOneDirectory) {
  const TempDir dir;
  fs::create_symlink("/dev/null", dir.path() / "discard.json");
  const std::string kept = (dir.path() / "rfm.csv").string();
  const FileToWrite files[] = {{(dir.path() / "discard.json").string(), "x"},
                               {kept, "a,b\n"}};
  ASSERT_OK(WriteFilesAtomically(files));
  EXPECT_EQ(ReadWholeFile(kept), "a,b\n");
  EXPECT_TRUE(fs::is_symlink(dir.path() / "discard.json"));
  EXPECT_EQ(FileNames(dir.path()), (std::vector<std::string>{"discard.json", "rfm.csv"}));
}

TEST(WriteFilesAtomicallyTest, NonRegularTargetsAreStreamed) {
  const FileToWrite files[] = {{"/dev/null", "discarded"}, {"/dev/null", "again"}};
  ASSERT_OK(WriteFilesAtomically(files));
}

}  // namespace
}  // namespace storepulse
